"""kb: the command line and shared library of the regulatory news monitor."""
__version__ = "0.1.0"
