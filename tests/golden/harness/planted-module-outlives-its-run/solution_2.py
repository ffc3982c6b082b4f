# second run: relies on the module the first run planted, which must be gone as after a reload
from kata_planted_golden import f  # noqa: F401
