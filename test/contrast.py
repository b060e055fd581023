#!/usr/bin/env python3
"""contrast.py PAGE.html: WCAG 2 contrast of an HTML page of credaudit
against its white background, computed from the page itself: every colour
of its style sheet (text: at least 4.5:1) and every filled SVG shape
(rect, circle, path, polygon: at least 3:1, WCAG 1.4.11, after its
fill-opacity over white).  Shapes inside a <pattern> (hatching) and white
fills are left out.  Prints one line per failure and "contrast: N colours,
N failing"; exit 1 when any fails."""
import re
import sys

WHITE = (255, 255, 255)


def rgb(h):
    h = h.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def lum(c):
    v = [x / 255 for x in c]
    v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]


def ratio(a, b=WHITE):
    x, y = sorted((lum(a), lum(b)))
    return (y + 0.05) / (x + 0.05)


def over_white(c, alpha):
    return tuple(round(alpha * x + (1 - alpha) * 255) for x in c)


page = open(sys.argv[1], encoding="utf-8").read()
style = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
# a print rule sets inherited colours, not shown on screen: screen rules only
style = re.sub(r"@media print\{.*?\}\}", "", style, flags=re.S)
checked, bad = 0, []
for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style):
    for m in re.finditer(r"(?<![-\w])color:(#[0-9a-fA-F]{3,6})", body):
        checked += 1
        r = ratio(rgb(m.group(1)))
        if r < 4.5:
            bad.append("text %s in %s: %.2f:1 (< 4.5)" % (m.group(1), sel.strip(), r))
svg = re.sub(r"<pattern.*?</pattern>", "", page, flags=re.S)
for tag in re.findall(r"<(?:rect|circle|path|polygon)\b[^>]*>", svg):
    f = re.search(r'\bfill="(#[0-9a-fA-F]{3,6})"', tag)
    if f is None or rgb(f.group(1)) == WHITE:
        continue
    a = re.search(r'\bfill-opacity="([0-9.]+)"', tag)
    c = over_white(rgb(f.group(1)), float(a.group(1)) if a else 1.0)
    checked += 1
    r = ratio(c)
    if r < 3:
        bad.append("shape fill %s%s: %.2f:1 (< 3)" % (f.group(1),
                   " at opacity " + a.group(1) if a else "", r))
for b in sorted(set(bad)):
    print(b)
print("contrast: %d colours, %d failing" % (checked, len(set(bad))))
sys.exit(1 if bad else 0)
