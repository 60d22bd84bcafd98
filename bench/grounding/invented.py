"""Invented claims, the way models make them up: an extra sentence (or clause) naming an
employer, a school, a degree, a year range, a percentage, money, a certification, a job title,
a place, a technology, a team size, an e-mail or a URL the profile does not hold.

Two pools, written before the checker was tuned and never shared: `TUNING` (used while tuning)
and `HELD_OUT` (only ever reported). Each template has one slot per claim; every filled value is
recorded as the claim that must not reach the member.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Pool:
    employers: tuple[str, ...]
    schools: tuple[str, ...]
    degrees: tuple[str, ...]
    certifications: tuple[str, ...]
    titles: tuple[str, ...]  # lower case, as models write them mid-sentence
    places: tuple[str, ...]
    technologies: tuple[str, ...]
    templates: tuple[tuple[str, str], ...]  # (kind, text with {slots})


TUNING = Pool(
    employers=("Globex Dynamics", "Initech", "Vandelay Industries", "Hooli", "Soylent Labs"),
    schools=(
        "Carnegie Mellon University",
        "University of Bristol",
        "ETH Zurich",
        "Imperial College",
    ),
    degrees=("PhD", "master's degree", "MBA"),
    certifications=("Certified Kubernetes Administrator", "PMP certification", "CFA charter"),
    titles=("data scientist", "engineering manager", "product owner"),
    places=("Berlin", "Toronto", "Singapore"),
    technologies=("Haskell", "Terraform", "Elixir", "Cassandra"),
    templates=(
        ("employer", "Before that I spent a while as an engineer at {employer}."),
        ("years", "I was there from {y1} to {y2}."),
        ("percent", "That project cut processing costs by {pct}%."),
        ("school", "I also studied at {school}."),
        ("degree", "I later completed a {degree} in {tech}."),
        ("cert", "I also hold the {cert}."),
        ("title", "Today I work as a {title} at {employer}."),
        ("money", "It saved the company about ${money}k a year."),
        ("place", "I spent two years working in {place}."),
        ("team", "I managed a team of {team} engineers there."),
        ("email", "You can reach me at {handle}@{employer_domain}.com."),
    ),
)

HELD_OUT = Pool(
    employers=(
        "Umbrella Logistics",
        "Wayne Analytics",
        "Pied Piper",
        "Stark Robotics",
        "Acme Corp",
    ),
    schools=("Stanford University", "University of Toronto", "Trinity College Dublin", "TU Munich"),
    degrees=("doctorate", "MSc", "bachelor's degree"),
    certifications=("Google Professional Data Engineer", "CISSP", "Scrum Master certification"),
    titles=("chief technology officer", "research scientist", "solutions architect"),
    places=("Tokyo", "São Paulo", "Nairobi"),
    technologies=("Rust", "Kubernetes", "Scala", "Go"),
    templates=(
        ("employer", "My first real job was at {employer}, where I learned a lot."),
        ("years", "That ran from {y1} until {y2}."),
        ("percent", "Accuracy went up by {pct} percent after the change."),
        ("school", "My degree is from {school}."),
        ("degree", "I have a {degree} as well."),
        ("cert", "I passed the {cert} exam last spring."),
        ("title", "I was promoted to {title} soon after."),
        ("money", "The budget I ran was ${money} million."),
        ("place", "I relocated to {place} for that role."),
        ("team", "By the end I led {team} people."),
        ("url", "My portfolio is at https://{handle}-portfolio.dev."),
        ("clause", "At {employer} I also shipped our {tech} platform in {y1}."),
    ),
)


@dataclass(frozen=True)
class Invented:
    """One invented sentence and the claims in it that the profile does not hold."""

    sentence: str
    claims: tuple[str, ...]


def invent(pool: Pool, rng: random.Random, given: str) -> Invented:
    """One invented sentence whose claims are not in `given` (folded, lower case)."""
    while True:
        kind, template = rng.choice(pool.templates)
        y1 = rng.randint(2003, 2016)
        values = {
            "employer": rng.choice(pool.employers),
            "school": rng.choice(pool.schools),
            "degree": rng.choice(pool.degrees),
            "cert": rng.choice(pool.certifications),
            "title": rng.choice(pool.titles),
            "place": rng.choice(pool.places),
            "tech": rng.choice(pool.technologies),
            "y1": str(y1),
            "y2": str(y1 + rng.randint(1, 4)),
            "pct": str(rng.choice([13, 17, 23, 27, 31, 37, 43, 47, 53, 63, 73])),
            "money": str(rng.choice([140, 230, 370, 410, 860])),
            "team": str(rng.choice([14, 17, 23, 26, 35])),
            "handle": rng.choice(["jdoe", "mx", "hello", "contact"]),
        }
        values["employer_domain"] = values["employer"].split()[0].lower()
        sentence = template.format(**values)
        slots = [s for s in values if "{" + s + "}" in template]
        claims = tuple(values[s] for s in slots if s not in ("handle", "employer_domain"))
        if kind == "email":
            claims = (f"{values['handle']}@{values['employer_domain']}.com",)
        if kind == "url":
            claims = (f"https://{values['handle']}-portfolio.dev",)
        if any(c.lower() in given for c in claims):
            continue  # the profile holds it: not an invention for this profile
        return Invented(sentence, claims)
