"""Imported once, by the fork server the worker processes are forked from (`processes.py`).

Loading the dictionary and lexicons takes seconds of CPU (60,000 English glosses stemmed).
Done here, before any worker is forked, every worker starts with them in memory, shared
copy-on-write, instead of each loading its own copy. The model is not loaded here: torch
starts threads, and a forked process must not inherit threads.
"""

from transalign.api.model import warm_up

warm_up()
