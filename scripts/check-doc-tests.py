#!/usr/bin/env python3
"""Check that every test a document names as `path::function` exists.

docs/faults.md and docs/safety.md name the test that asserts each row. A renamed or deleted
test would leave a row that nothing checks any more; this script fails then.

usage: check-doc-tests.py REPO_ROOT DOC...
"""
import re
import sys
from pathlib import Path

REF = re.compile(r"`(tests/[^`:]+)::([A-Za-z_][A-Za-z0-9_]*)`")


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    root = Path(sys.argv[1])
    problems = []
    count = 0
    for doc in sys.argv[2:]:
        text = (root / doc).read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), 1):
            for path, func in REF.findall(line):
                count += 1
                source = root / path
                if not source.is_file():
                    problems.append(f"{doc}:{lineno}: {path} does not exist")
                    continue
                body = source.read_text(encoding="utf-8", errors="replace")
                if not re.search(r"\b" + re.escape(func) + r"\s*\(", body):
                    problems.append(f"{doc}:{lineno}: {path} has no test {func}()")
    for p in problems:
        print(p, file=sys.stderr)
    if count == 0:
        print("no `tests/...::function` references found", file=sys.stderr)
        return 1
    print(f"{count} test references checked, {len(problems)} missing")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
