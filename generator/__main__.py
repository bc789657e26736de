import sys

from generator.cli import main

if __name__ == "__main__":  # not when a new worker process (multiprocessing's spawn) imports this module
    sys.exit(main())
