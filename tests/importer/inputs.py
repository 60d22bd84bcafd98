"""One invented owner, Rosa Lindqvist, written out the ways owners hand their history over:
LinkedIn data exports (three variants), résumés as PDF (three layouts), DOCX (two layouts),
Markdown and text, and a JSON Resume. Every builder writes the same facts, so one set of
questions (`QUESTIONS`, written before any importer code read these files) checks them all.

LinkedIn's file and column names below are the ones people report from real exports:
- JMPerez/linkedin-to-json-resume `src/js/converter.ts`: Positions.csv is `Company Name, Title,
  Description, Location, Started On, Finished On` with dates "MMM YYYY" / "MMMM YYYY";
  Education.csv is `School Name, Start Date, End Date, Notes, Degree Name, Activities` with
  "YYYY-MM", "MMMM YYYY" or a bare year; Projects.csv `Title, Description, Url, Started On,
  Finished On`; Publications.csv `Name, Published On, Description, Publisher, Url`;
  Honors.csv `Title, Description, Issued On`; Certifications.csv `Name, Url, Authority, Started
  On, Finished On, License Number`; Languages.csv `Name, Proficiency`; Skills.csv `Name`.
- its issue #31 (2018): Profile.csv dropped "Marital Status" and readers that took columns by
  position shifted by one; the 2018 order is First Name, Last Name, Maiden Name, Address, Birth
  Date, Contact Instructions?, Headline, Summary, Industry, Country, Zip Code, Geo Location,
  Twitter Handles, Websites, Instant Messengers.
- its issue #20: archives are named `Basic_LinkedInDataExport_MM-DD-YYYY.zip` (and
  `Complete_...`); education entered as years only.
- a public LinkedIn-export schema listing (code search): Volunteering.csv `Company Name, Role,
  Cause, Started On, Finished On, Description`; Courses.csv `Name, Number`; both
  `Recommendations_Received.csv` (underscore) and "Recommendations Received.csv" (space,
  JMPerez) occur, as do `Causes_You_Care_About.csv` and "Causes You Care About.csv".
- Connections.csv starts with a "Notes:" preamble before its header row (several projects'
  tests reproduce it), and its header gained URL and Connected On
  (Thanh-To/linkedin-network-visualization PR #2).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

NAME = "Rosa Lindqvist"
HEADLINE = "Platform Engineer at Tidewater Logistics"
LOCATION = "Gothenburg, Sweden"
SUMMARY = (
    "Platform engineer who builds internal developer platforms on Kubernetes. Eight years in"
    " logistics and payments, from warehouse scanners to card gateways."
)
EMAIL, PHONE = "rosa.lindqvist@example.se", "+46 70 123 45 67"
ADDRESS, BIRTH = "Storgatan 12, 411 38 Goteborg", "14 May 1992"
PRIVATE_VALUES = (EMAIL, PHONE, "Storgatan 12", "1992")

# (title, company, place, start, end or "", bullet points)
JOBS = [
    (
        "Platform Engineer",
        "Tidewater Logistics",
        "Gothenburg",
        (2021, 3),
        None,
        [
            "Built the internal developer platform on Kubernetes and Argo CD used by 40 teams.",
            "Cut deployment time from 45 minutes to 6 minutes with preview environments.",
        ],
    ),
    (
        "Site Reliability Engineer",
        "Norrsken Pay",
        "Stockholm",
        (2018, 8),
        (2021, 2),
        [
            "Ran the on-call rotation for the card payment gateway (99.99% uptime).",
            "Moved monitoring from Nagios to Prometheus and Grafana.",
        ],
    ),
    (
        "Junior Developer",
        "Kallio Systems",
        "Helsinki",
        (2016, 6),
        (2018, 7),
        ["Wrote Java services for warehouse barcode scanners."],
    ),
]
SCHOOLS = [  # (degree, field, school, start year, end year)
    ("MSc", "Computer Science", "Chalmers University of Technology", 2014, 2016),
    ("BSc", "Software Engineering", "University of Gothenburg", 2011, 2014),
]
SKILLS = ["Kubernetes", "Terraform", "Go", "Python", "Argo CD", "Prometheus", "PostgreSQL"]
CERTS = [  # (name, authority, (year, month))
    ("Certified Kubernetes Administrator", "The Linux Foundation", (2022, 1)),
    ("HashiCorp Certified Terraform Associate", "HashiCorp", (2020, 5)),
]
PROJECT = (
    "kube-lantern",
    "Open-source dashboard that shows which team owns each Kubernetes namespace.",
)
LANGUAGES = [
    ("Swedish", "Native or bilingual proficiency"),
    ("English", "Full professional proficiency"),
    ("Finnish", "Limited working proficiency"),
]
AWARD = ("Tidewater Engineering Award", "For the developer platform.", (2023, 11))
COURSE = ("Distributed Systems", "DAT300")
PUBLICATION = ("Platform teams without tickets", "Kubernetes Nordic Blog", (2023, 4))
VOLUNTEER = (
    "Mentor",
    "Women in Tech Gothenburg",
    (2019, 9),
    "Mentoring engineers in their first job.",
)

# Written before the importer read any of these files: what a stranger asks, and the words a
# prompt must hold to answer it.
QUESTIONS: list[tuple[str, list[str]]] = [
    ("Where do you work now?", ["Tidewater Logistics"]),
    ("What's your current job title?", ["Platform Engineer"]),
    ("What did you do at Norrsken Pay?", ["on-call"]),
    ("Where did you work before Tidewater?", ["Norrsken Pay"]),
    ("What was your first job?", ["Kallio Systems"]),
    ("Where did you study?", ["Chalmers"]),
    ("What is your master's degree in?", ["Computer Science"]),
    ("What did you study as an undergraduate?", ["Software Engineering"]),
    ("What certifications do you have?", ["Certified Kubernetes Administrator"]),
    ("Are you certified in Terraform?", ["Terraform Associate"]),
    ("What programming languages do you know?", ["Go", "Python"]),
    ("Do you know Kubernetes?", ["Kubernetes"]),
    ("Which monitoring tools have you used?", ["Prometheus"]),
    ("How much faster did you make deployments?", ["6 minutes"]),
    ("Tell me about a project you built", ["kube-lantern"]),
    ("What languages do you speak?", ["Swedish"]),
    ("Have you won any awards?", ["Tidewater Engineering Award"]),
    ("Have you published anything?", ["Platform teams without tickets"]),
    ("Do you do any volunteering?", ["Women in Tech"]),
    ("Where are you based?", ["Gothenburg"]),
]

# Other wordings, written after the importer existed but before these were measured on it: a
# check that the sections and headings are not tuned to the wordings above.
REWORDED: list[tuple[str, list[str]]] = [
    ("Who is your employer?", ["Tidewater Logistics"]),
    ("What's your role at the moment?", ["Platform Engineer"]),
    ("Have you worked in payments?", ["Norrsken Pay"]),
    ("Which company did you join after Kallio?", ["Norrsken Pay"]),
    ("Where did you go to university?", ["Chalmers"]),
    ("Do you have a degree?", ["Computer Science"]),
    ("Any qualifications or certs?", ["Certified Kubernetes Administrator"]),
    ("Do you write Go?", ["Go"]),
    ("What's your tech stack?", ["Kubernetes", "Terraform"]),
    ("Have you done on-call?", ["on-call"]),
    ("Have you used Grafana?", ["Grafana"]),
    ("Any side projects or open source?", ["kube-lantern"]),
    ("Do you speak Finnish?", ["Finnish"]),
    ("Have you written any articles?", ["Platform teams without tickets"]),
    ("Do you mentor people?", ["Women in Tech"]),
    ("Which city are you in?", ["Gothenburg"]),
    ("What did you do at Kallio Systems?", ["Java"]),
    ("How many teams use your platform?", ["40 teams"]),
]

_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _mon(d: tuple[int, int] | None, style: str = "short") -> str:
    if d is None:
        return ""
    year, month = d
    if style == "iso":
        return f"{year}-{month:02d}"
    names = _MON if style == "short" else _MONTH
    return f"{names[month - 1]} {year}"


# --- LinkedIn ----------------------------------------------------------------------------

CANARIES = {  # in files that must never be read into the profile
    "messages.csv": "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT\n1,Ann,Rosa,2024-01-01,Hi,"
    "canary-secret-message-7731\n",
    "Email Addresses.csv": f"Email Address,Confirmed,Primary,Updated On\n{EMAIL},Yes,Yes,1/1/20\n",
    "PhoneNumbers.csv": f"Extension,Number,Type\n,{PHONE},Mobile\n",
    "Ad_Targeting.csv": "Member Age,Member Interests\n25 to 34,canary-ads-interest-4410\n",
    "Invitations.csv": "From,To,Sent At,Message,Direction\nBo,Rosa,1/2/24,canary-invite-5520,IN\n",
}
CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Canary,Connection,https://www.linkedin.com/in/canary,canary.conn@example.com,Acme,CTO,"
    "15 Mar 2024\n"
)


def _csv(header: list[str], rows: list[list[str]], crlf: bool = False) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows([header, *rows])
    return buf.getvalue()


def linkedin_files(variant: str) -> dict[str, str]:
    """The CSV files of one export variant: "2024" (today's names), "2018" (Marital Status,
    full month names, spaces in names, CRLF), "alt" (other header names, ISO dates,
    underscores)."""
    month = {"2024": "short", "2018": "long", "alt": "iso"}[variant]
    crlf = variant == "2018"
    files: dict[str, str] = {}
    if variant == "2018":
        header = [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Contact Instructions",
            "Marital Status",
            "Headline",
            "Summary",
            "Industry",
            "Country",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ]
        row = [
            "Rosa",
            "Lindqvist",
            "",
            ADDRESS,
            BIRTH,
            "",
            "Single",
            HEADLINE,
            SUMMARY,
            "Software Development",
            "SE",
            "411 38",
            LOCATION,
            "[rosa_builds]",
            "",
            "",
        ]
    else:
        header = [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ]
        row = [
            "Rosa",
            "Lindqvist",
            "",
            ADDRESS,
            BIRTH,
            HEADLINE,
            SUMMARY,
            "Software Development",
            "411 38",
            LOCATION,
            "",
            "[PERSONAL:rosa.dev]",
            "",
        ]
    files["Profile.csv"] = _csv(header, [row], crlf)
    pos_header = (
        ["Company", "Position", "Description", "Location", "Start Date", "End Date"]
        if variant == "alt"
        else ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
    )
    files["Positions.csv"] = _csv(
        pos_header,
        [
            [company, title, "\n".join(bullets), place, _mon(start, month), _mon(end, month)]
            for title, company, place, start, end, bullets in JOBS
        ],
        crlf,
    )
    edu_header = (
        ["School", "Start Date", "End Date", "Notes", "Degree", "Activities"]
        if variant == "alt"
        else ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"]
    )
    files["Education.csv"] = _csv(
        edu_header,
        [
            [
                school,
                str(a) if variant != "2018" else f"September {a}",
                str(b) if variant != "2018" else f"June {b}",
                "",
                f"{degree}, {field}",
                "",
            ]
            for degree, field, school, a, b in SCHOOLS
        ],
        crlf,
    )
    files["Skills.csv"] = _csv(["Name"], [[s] for s in SKILLS], crlf)
    files["Certifications.csv"] = _csv(
        ["Name", "Url", "Authority", "Started On", "Finished On", "License Number"],
        [[n, "", a, _mon(d, month), "", "LF-0042-77"] for n, a, d in CERTS],
        crlf,
    )
    files["Projects.csv"] = _csv(
        ["Title", "Description", "Url", "Started On", "Finished On"],
        [[PROJECT[0], PROJECT[1], "", _mon((2022, 2), month), ""]],
        crlf,
    )
    files["Languages.csv"] = _csv(["Name", "Proficiency"], [list(x) for x in LANGUAGES], crlf)
    files["Honors.csv"] = _csv(
        ["Title", "Description", "Issued On"], [[AWARD[0], AWARD[1], _mon(AWARD[2], month)]], crlf
    )
    files["Courses.csv"] = _csv(["Name", "Number"], [list(COURSE)], crlf)
    files["Publications.csv"] = _csv(
        ["Name", "Published On", "Description", "Publisher", "Url"],
        [[PUBLICATION[0], "4/12/23", "", PUBLICATION[1], ""]],
        crlf,
    )
    files["Volunteering.csv"] = _csv(
        ["Company Name", "Role", "Cause", "Started On", "Finished On", "Description"],
        [[VOLUNTEER[1], VOLUNTEER[0], "Education", _mon(VOLUNTEER[2], month), "", VOLUNTEER[3]]],
        crlf,
    )
    files["Connections.csv"] = CONNECTIONS
    files.update(CANARIES)
    if variant == "2018":
        files["Recommendations Received.csv"] = "First Name,Last Name,Text\nBo,Ek,canary-rec\n"
        files = {k.replace("PhoneNumbers", "Phone Numbers"): v for k, v in files.items()}
    elif variant == "alt":
        files["Recommendations_Received.csv"] = "First Name,Last Name,Text\nBo,Ek,canary-rec\n"
        files["Causes_You_Care_About.csv"] = "Supported Cause\nEducation\n"
        files["Jobs/Saved Jobs.csv"] = "Saved Date,Job Url,Job Title,Company Name\n,,,\n"
    if variant == "2018":
        files = {k: ("\ufeff" + v if k.endswith(".csv") else v) for k, v in files.items()}
    return files


def linkedin_zip(folder: Path, variant: str = "2024", inner: str = "") -> Path:
    """The export as LinkedIn sends it: a ZIP named after its date, files at the top or in
    a dated folder (`inner`)."""
    path = folder / "Basic_LinkedInDataExport_12-01-2026.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in linkedin_files(variant).items():
            z.writestr(f"{inner}{name}", text.encode("utf-8"))
    return path


def linkedin_folder(folder: Path, variant: str = "2018") -> Path:
    """The export unpacked into its dated folder."""
    root = folder / "Complete_LinkedInDataExport_01-28-2018"
    for name, text in linkedin_files(variant).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    return root


# --- résumé text -------------------------------------------------------------------------


def resume_blocks(caps: bool = False, dash: str = "-") -> list[tuple[str, str]]:
    """The résumé as (kind, text): name, headline, contact, heading, entry, bullet, text."""

    def h(text: str) -> tuple[str, str]:
        return ("heading", text.upper() if caps else text)

    out = [
        ("name", NAME),
        ("headline", "Platform Engineer"),
        ("contact", f"{EMAIL} | {PHONE} | {LOCATION}"),
        ("contact", f"Address: {ADDRESS}"),
        ("contact", f"Date of birth: {BIRTH}"),
        h("Summary"),
        ("text", SUMMARY),
        h("Experience"),
    ]
    for title, company, place, start, end, bullets in JOBS:
        out.append(
            (
                "entry",
                f"{title} | {company}, {place} | {_mon(start)} {dash} {_mon(end) or 'Present'}",
            )
        )
        out += [("bullet", b) for b in bullets]
    out.append(h("Education"))
    for degree, field, school, a, b in SCHOOLS:
        out.append(("entry", f"{degree} {field}, {school}, {a} {dash} {b}"))
    out += [h("Skills"), ("text", ", ".join(SKILLS)), h("Certifications")]
    out += [("bullet", f"{n} - {a} ({d[0]})") for n, a, d in CERTS]
    out += [h("Projects"), ("entry", f"{PROJECT[0]} (2022)"), ("bullet", PROJECT[1])]
    out += [h("Languages")] + [("bullet", f"{n} ({p})") for n, p in LANGUAGES]
    out += [h("Awards"), ("bullet", f"{AWARD[0]} ({AWARD[2][0]}): {AWARD[1]}")]
    out += [h("Courses"), ("bullet", f"{COURSE[0]} ({COURSE[1]})")]
    out += [h("Publications"), ("bullet", f"{PUBLICATION[0]}, {PUBLICATION[1]} (2023)")]
    out += [
        h("Volunteering"),
        ("entry", f"{VOLUNTEER[0]}, {VOLUNTEER[1]} | Sep 2019 {dash} Present"),
        ("bullet", VOLUNTEER[3]),
    ]
    out += [
        h("Other"),
        ("text", "Driving licence, category B. Happy to relocate within the Nordics."),
    ]
    return out


def resume_text(caps: bool = False, markdown: bool = False) -> str:
    lines: list[str] = []
    for kind, text in resume_blocks(caps, dash="–"):
        if kind == "name":
            lines.append(f"# {text}" if markdown else text)
        elif kind == "heading":
            lines += ["", f"## {text}" if markdown else text]
        elif kind == "entry" and markdown:
            lines += ["", f"### {text}"]
        elif kind == "bullet":
            lines.append(f"- {text}" if markdown else f"• {text}")
        else:
            lines.append(text)
    return "\n".join(lines) + "\n"


# --- PDF (fpdf2) ---------------------------------------------------------------------------


def _pdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def _write(pdf: Any, x: float, w: float, blocks: list[tuple[str, str]]) -> None:
    sizes = {"name": ("B", 18), "heading": ("B", 12), "entry": ("B", 10)}
    for kind, text in blocks:
        style, size = sizes.get(kind, ("", 10))
        pdf.set_font("Helvetica", style, size)
        if kind == "heading":
            pdf.ln(3)
        pdf.set_x(x)
        pdf.multi_cell(w, 5.5 if size < 12 else 8, ("- " if kind == "bullet" else "") + text)


def pdf_single_column(path: Path, caps: bool = False) -> Path:
    pdf = _pdf()
    _write(pdf, 15, 180, resume_blocks(caps))
    pdf.output(str(path))
    return path


def pdf_two_columns(path: Path) -> Path:
    """A sidebar (contact, skills, education, languages) drawn first, then the main column."""
    blocks = resume_blocks(caps=True)
    side_headings = {"SKILLS", "EDUCATION", "LANGUAGES"}
    side: list[tuple[str, str]] = []
    main: list[tuple[str, str]] = []
    target = main
    for kind, text in blocks:
        if kind in ("name", "headline"):
            main.append((kind, text))
            continue
        if kind == "contact":
            side.append((kind, text))
            continue
        if kind == "heading":
            target = side if text in side_headings else main
        target.append((kind, text))
    pdf = _pdf()
    top = pdf.get_y()
    _write(pdf, 10, 60, side)
    pdf.page = 1
    pdf.set_y(top)
    _write(pdf, 78, 120, main)
    pdf.output(str(path))
    return path


def pdf_image_only(path: Path) -> Path:
    """A scan: the page is one picture, no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), f"{NAME}\nPlatform Engineer", fill="black")
    pdf = _pdf()
    pdf.image(image, x=10, y=10, w=180)
    pdf.output(str(path))
    return path


def pdf_with_password(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="open-sesame", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


# --- DOCX (python-docx) -------------------------------------------------------------------


def docx_styled(path: Path) -> Path:
    """Word's own styles: Title for the name, Heading 2 for sections, List Bullet items."""
    import docx

    document = docx.Document()
    for kind, text in resume_blocks(dash="–"):
        if kind == "name":
            document.add_paragraph(text, style="Title")
        elif kind == "heading":
            document.add_heading(text, level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "entry":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def docx_two_columns(path: Path) -> Path:
    """A one-row table: the left cell holds contact, skills and education, the right one the
    rest; headings are plain bold capitals (no heading styles)."""
    import docx

    document = docx.Document()
    blocks = resume_blocks(caps=True, dash="–")
    document.add_paragraph().add_run(blocks[0][1]).bold = True
    document.add_paragraph(blocks[1][1])
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    target = left
    for kind, text in blocks[2:]:
        if kind == "heading":
            target = left if text in ("SKILLS", "EDUCATION") else right
        cell = left if kind == "contact" else target
        paragraph = cell.add_paragraph()
        run = paragraph.add_run(("• " if kind == "bullet" else "") + text)
        run.bold = kind in ("heading", "entry")
    document.save(str(path))
    return path


# --- JSON Resume ---------------------------------------------------------------------------


def json_resume(path: Path, modified: str = "2026-11-02") -> Path:
    data = {
        "basics": {
            "name": NAME,
            "label": HEADLINE,
            "email": EMAIL,
            "phone": PHONE,
            "url": "https://rosa.example.se",
            "summary": SUMMARY,
            "location": {
                "address": "Storgatan 12",
                "postalCode": "411 38",
                "city": "Gothenburg",
                "countryCode": "SE",
                "region": "Vastra Gotaland",
            },
            "profiles": [
                {
                    "network": "GitHub",
                    "username": "rosa-builds",
                    "url": "https://github.com/rosa-builds",
                }
            ],
        },
        "work": [
            {
                "name": company,
                "position": title,
                "location": place,
                "startDate": f"{start[0]}-{start[1]:02d}",
                **({"endDate": f"{end[0]}-{end[1]:02d}"} if end else {}),
                "summary": "",
                "highlights": bullets,
            }
            for title, company, place, start, end, bullets in JOBS
        ],
        "volunteer": [
            {
                "organization": VOLUNTEER[1],
                "position": VOLUNTEER[0],
                "startDate": "2019-09",
                "summary": VOLUNTEER[3],
                "highlights": [],
            }
        ],
        "education": [
            {
                "institution": school,
                "area": field,
                "studyType": degree,
                "startDate": str(a),
                "endDate": str(b),
                "score": "",
                "courses": [],
            }
            for degree, field, school, a, b in SCHOOLS
        ],
        "awards": [
            {
                "title": AWARD[0],
                "date": "2023-11-01",
                "awarder": "Tidewater Logistics",
                "summary": AWARD[1],
            }
        ],
        "certificates": [
            {"name": n, "date": f"{d[0]}-{d[1]:02d}-01", "issuer": a} for n, a, d in CERTS
        ],
        "publications": [
            {
                "name": PUBLICATION[0],
                "publisher": PUBLICATION[1],
                "releaseDate": "2023-04-12",
                "summary": "On self-service platforms.",
            }
        ],
        "skills": [{"name": "Platform", "level": "Expert", "keywords": SKILLS}],
        "languages": [{"language": n, "fluency": p} for n, p in LANGUAGES],
        "interests": [{"name": "Sailing", "keywords": ["archipelago", "dinghies"]}],
        "references": [
            {"name": "Bo Ek, CTO at Tidewater", "reference": "Rosa made deploys boring."}
        ],
        "projects": [
            {
                "name": PROJECT[0],
                "description": PROJECT[1],
                "highlights": [],
                "keywords": ["Go", "Kubernetes"],
                "startDate": "2022-02",
                "roles": ["Maintainer"],
                "entity": "Open source",
                "type": "application",
            }
        ],
        "meta": {"lastModified": modified},
    }
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path
