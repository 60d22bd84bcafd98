"""The owner's web dashboard (aiohttp): overview, models, questions and alerts, behind a login.

- app: routes, the login gate and serving it; auth: the token, sessions, CSRF and failed logins;
  security: headers and the same-origin check;
- data: what each page shows, through the twin's core API; visibility: whether members' text
  is shown;
- pages and questions: each page's content; layout: the shell and escaped HTML pieces;
  charts: inline SVG; assets: the stylesheet, script and icon; actions: the owner's actions on
  gap groups;
- browser and screenshot: headless Chromium for `twin dashboard --screenshot`.
"""
