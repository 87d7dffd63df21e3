"""A second benchmark project of real posts: the seeds and the shared corpus, repeated.

The four seed articles (`../shared/seeds/*.txt`) and the posts of `../shared/corpus/`
are copied byte for byte into N weekly issues of M reviews, in rotation, so the ten
reviews of an issue are always ten different posts (and so have different page names).
Left out of the rotation: the corpus's drafts (digest would leave them out of the
build) and the two posts whose root-relative links point at pages of the sites they
came from, which digest's link check rightly refuses in any build. The copies are
third-party test data: they are written at run time under bench/out/, never committed.

    .venv/bin/python bench/realcorpus.py OUT [--issues 100] [--reviews 10]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from generate import DIGEST_TOML, FIRST_ISSUE_DATE, issue_id

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# Found by building one issue with each corpus post: these fail, rightly, as they point at
# files of their own sites that are not copied with them.
OWN_SITE_FILES = {
    "06-hugo-hugoisforlovers.fr.md": "links to /overview/installing/ on its own site",
    "11-astro-using-mdx.mdx": "its heroImage is ../../assets/blog-placeholder-5.jpg of its own site",
    "12-vscode-rollback-incident-report.md": "links to /docs/supporting/faq.md on its own site",
}


@dataclass(frozen=True)
class RealPosts:
    posts: tuple[Path, ...]
    left_out: tuple[str, ...]  # "file: why"


class MissingCorpus(Exception):
    """../shared (or part of it) is not there: the real-posts corpus is skipped."""


def real_posts(shared: Path = SHARED) -> RealPosts:
    """The seeds, then the corpus posts in MANIFEST order, less drafts and root-relative links."""
    seeds = sorted((shared / "seeds").glob("*.txt"))
    manifest_file = shared / "corpus" / "MANIFEST.json"
    if not seeds or not manifest_file.is_file():
        raise MissingCorpus(f"{shared}/seeds/*.txt or {manifest_file} is absent")
    posts = list(seeds)
    left_out = []
    for entry in json.loads(manifest_file.read_text(encoding="utf-8")):
        name = entry["file"]
        if entry["expected"]["draft"]:
            left_out.append(f"{name}: a draft, which digest leaves out")
        elif name in OWN_SITE_FILES:
            left_out.append(f"{name}: {OWN_SITE_FILES[name]}")
        elif (shared / "corpus" / name).is_file():
            posts.append(shared / "corpus" / name)
        else:
            raise MissingCorpus(f"{shared / 'corpus' / name}, listed in MANIFEST.json, is absent")
    return RealPosts(tuple(posts), tuple(left_out))


def write_real_corpus(folder: Path, issues: int = 100, reviews: int = 10, shared: Path = SHARED) -> RealPosts:
    """Write digest.toml and issues/ into `folder`: issue n holds the next `reviews` posts of the rotation."""
    found = real_posts(shared)
    if len(found.posts) < reviews:
        raise MissingCorpus(f"only {len(found.posts)} usable posts, fewer than {reviews} reviews an issue")
    folder.mkdir(parents=True, exist_ok=True)
    toml = DIGEST_TOML.replace("Synthetic reviews", "Real posts (the shared seeds and corpus)")
    (folder / "digest.toml").write_text(toml.replace("A generated", "A real-posts"), encoding="utf-8")
    for number in range(1, issues + 1):
        issue_folder = folder / "issues" / issue_id(number)
        issue_folder.mkdir(parents=True, exist_ok=True)
        start = (number - 1) * reviews
        chosen = [found.posts[(start + k) % len(found.posts)] for k in range(reviews)]
        for post in chosen:
            shutil.copyfile(post, issue_folder / post.name)  # byte for byte: the odd parts are the point
        published = FIRST_ISSUE_DATE + timedelta(weeks=number - 1)
        (issue_folder / "issue.md").write_text(
            issue_file(number, published.isoformat(), chosen), encoding="utf-8"
        )
    return found


def issue_file(number: int, published: str, posts: list[Path]) -> str:
    listed = "\n".join(f"  - {post.name}" for post in posts)
    return (
        f'---\ntitle: "Issue {number}: real posts"\ndate: {published}\n'
        f'subject: "Issue {number}: {len(posts)} real posts"\n'
        f'preheader: "Real posts from the shared test corpus, issue {number}."\n'
        f"reviews:\n{listed}\n---\n"
        f"Issue {number} of the real-posts benchmark: {len(posts)} posts from the shared seeds and corpus.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folder", type=Path, help="where to write digest.toml and issues/")
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--reviews", type=int, default=10, help="reviews per issue")
    args = parser.parse_args(argv)
    try:
        found = write_real_corpus(args.folder, args.issues, args.reviews)
    except MissingCorpus as missing:
        print(f"real-posts corpus skipped: {missing}", file=sys.stderr)
        return 1
    print(f"{args.issues * args.reviews} reviews from {len(found.posts)} posts in {args.folder}; left out:")
    print("\n".join(f"  {why}" for why in found.left_out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
