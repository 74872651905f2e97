#!/usr/bin/env python3
"""md2txt: a CLADEM Markdown file as the clean text make-pairs prints.

Front matter, heading marks, emphasis marks (_x_, **x**), footnote marks
([^12]) and footnote definitions are removed and hard-wrapped paragraphs are
unwrapped: one paragraph a line, the text as a printed page shows it.

    md2txt.py IN.md... -o OUT_DIR
"""
import os, re, sys

def convert(md):
    if md.startswith("---"):
        end = md.find("\n---", 3)
        md = md[end + 4:] if end >= 0 else md
    paras, cur = [], []
    for line in md.split("\n"):
        if re.match(r"^\[\^[^\]]+\]:", line):
            continue
        line = re.sub(r"\[\^[^\]]+\]", "", line)
        line = re.sub(r"^#+\s*", "", line).strip()
        line = re.sub(r"\*\*(.+?)\*\*", r"\1", line)
        line = re.sub(r"(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s.,;:)])", r"\1\2", line)
        if not line:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        cur.append(line)
    if cur:
        paras.append(" ".join(cur))
    return "\n".join(p for p in paras if p) + "\n"

def main():
    args = sys.argv[1:]
    out = "."
    if "-o" in args:
        i = args.index("-o")
        out = args[i + 1]
        del args[i:i + 2]
    os.makedirs(out, exist_ok=True)
    for path in args:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            text = convert(f.read())
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)

if __name__ == "__main__":
    main()
