"""Build: the C++ core as a static library (build_clib), linked into the Cython
extension mrrc._core. Switches: MRRC_DEBUG=1 (no optimisation, debug info),
MRRC_SANITIZE=1 (AddressSanitizer + UBSan), MRRC_PROFILE=1 (optimised, with
debug info: line-level profiles with callgrind or perf)."""
import glob
import os

import libboost_headers
from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

DEBUG = os.environ.get("MRRC_DEBUG") == "1"
SANITIZE = os.environ.get("MRRC_SANITIZE") == "1"
PROFILE = os.environ.get("MRRC_PROFILE") == "1"

CXX_FLAGS = ["-std=c++17", "-Wall", "-Wextra"] + (
    ["-O0", "-g3"] if DEBUG else ["-O3", "-g" if PROFILE else "-g0", "-DNDEBUG"])
LINK_FLAGS = ["-pthread"]
if SANITIZE:
    CXX_FLAGS += ["-fsanitize=address,undefined", "-fno-omit-frame-pointer"]
    LINK_FLAGS += ["-fsanitize=address,undefined"]

# Each kind of build has its own build directory, so a sanitizer or debug build
# never leaves objects that a release build would link (setuptools reuses ./build).
VARIANT = "asan" if SANITIZE else "debug" if DEBUG else "profile" if PROFILE else "release"
BUILD_DIRS = {"build": {"build_base": f"build/py-{VARIANT}"}}

INCLUDE_DIRS = ["cpp/include", str(libboost_headers.get_include())]
HEADERS = sorted(glob.glob("cpp/include/mrrc/*.hpp"))

CORE_LIBRARY = (
    "mrrc_core",
    {
        "sources": sorted(glob.glob("cpp/src/*.cpp")),
        "include_dirs": INCLUDE_DIRS,
        "cflags": CXX_FLAGS,
        "obj_deps": {"": HEADERS},  # any header edit rebuilds the library
    },
)


class BuildExtWithCore(build_ext):
    """Build the static C++ library before the extension that links it."""

    def run(self):
        self.run_command("build_clib")
        super().run()


extension = Extension(
    "mrrc._core",
    sources=["mrrc/_core.pyx"],
    include_dirs=INCLUDE_DIRS,
    language="c++",
    extra_compile_args=CXX_FLAGS,
    extra_link_args=LINK_FLAGS,
    depends=HEADERS + sorted(glob.glob("mrrc/*.pxd")) + sorted(glob.glob("mrrc/*.pxi")),
)

setup(
    libraries=[CORE_LIBRARY],
    ext_modules=cythonize(
        [extension],
        compiler_directives={
            "language_level": 3,
            # Bounds checks and negative indices stay on: the glue indexes Python
            # objects with pymarc's semantics (IndexError, [-1]); C loops use spans.
            "boundscheck": True,
            "wraparound": True,
            "embedsignature": True,
        },
    ),
    cmdclass={"build_ext": BuildExtWithCore},
    options=BUILD_DIRS,
)
