"""Fill msgstr in a gettext .po file from a Python dict {msgid: translation}.

    python scripts/fill_po.py locale/en/LC_MESSAGES/django.po locale/en/translations.py

The dict file defines TRANSLATIONS; for plural entries give a (singular, plural) tuple. Entries
not in the dict are left as they are; the script prints the msgids still untranslated.
"""

import ast
import re
import sys


def unquote(lines):
    return "".join(ast.literal_eval(line[line.index('"'):]) for line in lines)


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def parse_field(block, name):
    lines, capture = [], False
    for line in block:
        if line.startswith(name + " "):
            capture = True
            lines.append(line[len(name) + 1:])
        elif capture and line.startswith('"'):
            lines.append(line)
        elif capture:
            break
    return unquote(lines) if lines else None


def main(po_path, dict_path):
    namespace = {}
    exec(open(dict_path, encoding="utf-8").read(), namespace)
    table = namespace["TRANSLATIONS"]
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    out, missing = [], []
    for raw in blocks:
        block = raw.split("\n")
        msgid = parse_field(block, "msgid")
        plural = parse_field(block, "msgid_plural")
        if not msgid:
            out.append(raw)
            continue
        cut = next(i for i, ln in enumerate(block) if ln.startswith("msgstr"))
        keep = [ln for ln in block[:cut] if not ln.startswith("#, fuzzy")]
        tr = table.get(msgid)
        if tr is None:
            missing.append(msgid)
            out.append(raw)
            continue
        if plural is not None:
            one, many = tr if isinstance(tr, tuple) else (tr, tr)
            keep += [f"msgstr[0] {quote(one)}", f"msgstr[1] {quote(many)}"]
        else:
            keep.append(f"msgstr {quote(tr)}")
        out.append("\n".join(keep))
    text = "\n\n".join(out)
    text = re.sub(r'"Plural-Forms: [^"]*"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\\\n"', text)
    open(po_path, "w", encoding="utf-8").write(text)
    for m in missing:
        print("untranslated:", m)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
