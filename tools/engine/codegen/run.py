# Runs a Pulumi Python program for Forja's offline pulumi-language-python
# (run.go): the arguments the host passes, the stack's config from
# PULUMI_CONFIG, then the program inside the stack with the Python SDK
# installed next to this interpreter (pip install pulumi).
import argparse
import asyncio
import os
import runpy
import sys
import traceback

import pulumi
import pulumi.runtime
from pulumi.errors import RunError

# An error the program already reported: the engine prints no second message.
BAIL = 32

parser = argparse.ArgumentParser()
for flag in ("--monitor", "--engine", "--organization", "--project", "--stack", "--root-directory"):
    parser.add_argument(flag)
parser.add_argument("--parallel", type=int)
parser.add_argument("--dry-run", action="store_true")
parser.add_argument("program")
args = parser.parse_args()

# A stack without config arrives as null.
pulumi.runtime.set_all_config(pulumi.runtime.get_config_env() or {}, pulumi.runtime.get_config_secret_keys_env() or [])
pulumi.runtime.configure(
    pulumi.runtime.Settings(
        project=args.project,
        stack=args.stack,
        monitor=args.monitor,
        engine=args.engine,
        parallel=args.parallel,
        dry_run=args.dry_run,
        organization=args.organization,
        root_directory=args.root_directory,
    )
)

# A folder runs its __main__.py, with the folder importable, as `python folder` would.
program = args.program
if os.path.isdir(program):
    sys.path.insert(0, os.path.abspath(program))
    program = os.path.join(program, "__main__.py")

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(program, run_name="__main__")))
except RunError as error:
    pulumi.log.error(str(error))
    sys.exit(BAIL)
except Exception:  # noqa: BLE001 every failure of the program is reported, then bails
    pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
    sys.exit(BAIL)
finally:
    sys.stdout.flush()
    sys.stderr.flush()
