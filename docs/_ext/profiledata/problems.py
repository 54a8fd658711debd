"""Problems found in a profile, reported all at once as ``path:line: what is wrong``."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self):
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class ProfileDataError(Exception):
    """The profile cannot be used; ``problems`` lists every reason, in file order."""

    def __init__(self, problems):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
        super().__init__("\n".join(map(str, self.problems)))


def shown_path(path: Path) -> str:
    """Paths as the administrator typed them: relative to where the build runs, if inside it."""
    path = Path(path).absolute()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def summary(problems, folder, *, then="nothing was built"):
    """The closing line after a list of problems."""
    count = len(problems)
    return (
        f"{count} problem{'s' if count != 1 else ''} in the local profile "
        f"{shown_path(folder)}; {then}."
    )
