"""What both peers take on their command line: files and folders of reports, and --limit N."""
import pathlib


def report_files(args, suffix):
    """The files named, and the files ending in `suffix` in the folders named (sorted), at most
    --limit of them."""
    args = list(args)
    limit = None
    if "--limit" in args:
        i = args.index("--limit")
        limit = int(args[i + 1])
        del args[i:i + 2]
    files = []
    for a in args:
        p = pathlib.Path(a)
        files += sorted(p.glob("*" + suffix)) if p.is_dir() else [p]
    return files[:limit]
