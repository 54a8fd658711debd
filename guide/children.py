"""Sphinx in a child process, forked from a server that has already imported it.

Each build runs in its own process, so nothing one build leaves behind reaches the next and a
change to our extensions is seen at once. Starting Python and importing Sphinx, MyST and
WeasyPrint costs about a second, more than a one-page rebuild itself; so the children are
forked from the standard library's fork server, which imports them once (``warm.py``). The
first build pays for the imports, as a new process would; the Welsh build after the English
one, and every rebuild ``serve`` makes, do not.

What the child prints reaches the caller's own streams (or is kept, or dropped) as it comes.
"""

import atexit
import codecs
import multiprocessing
import os
import selectors
import sys

PRELOAD = ["guide.warm"]
_context = None


def context():
    """The fork-server context, told once what to import before it forks."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
        atexit.register(stop_server)
    return _context


def stop_server():
    """Stop the fork server and wait for it, so that its builds' time and memory are counted
    as ours by whoever runs us (``/usr/bin/time``, ``make bench``): a server left to exit by
    itself is reaped by init, and what its children used is lost."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # the standard library's own tests use it
    if stop is not None:
        stop()


def _child(argv, environ, directory, stdout, stderr):
    """In the child: the caller's environment, folder and streams, then Sphinx's own main."""
    os.environ.clear()
    os.environ.update(environ)
    os.chdir(directory)
    if stdout is None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    for number, connection in ((1, stdout), (2, stderr)):
        if connection is not None:
            os.dup2(connection.fileno(), number)
            connection.close()
    sys.argv = ["sphinx-build", *argv]  # as Sphinx names itself in what it prints
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    from sphinx.cmd.build import main

    status = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(status)


def sphinx(argv, env=None, output="inherit"):
    """Run ``sphinx-build argv`` in a warm child and return its exit status; with ``output``
    "capture", (status, what it printed on both streams, in order); "quiet" drops its standard
    output and passes on its warnings."""
    ctx = context()
    environ = dict(os.environ if env is None else env)
    out_read, out_write = ctx.Pipe(duplex=False) if output != "quiet" else (None, None)
    err_read, err_write = ctx.Pipe(duplex=False)
    if output == "inherit" and sys.stderr.isatty():
        argv = ["--color", *argv]
    child = ctx.Process(target=_child, args=(argv, environ, os.getcwd(), out_write, err_write))
    child.start()
    for connection in (out_write, err_write):
        if connection is not None:
            connection.close()
    kept = []
    try:
        relay({out_read: sys.stdout, err_read: sys.stderr}, kept if output == "capture" else None)
        child.join()
    except BaseException:
        child.terminate()
        child.join()
        raise
    finally:
        for connection in (out_read, err_read):
            if connection is not None:
                connection.close()
    status = child.exitcode if child.exitcode is not None and child.exitcode >= 0 else 1
    return (status, "".join(kept)) if output == "capture" else status


def relay(streams, kept=None):
    """Copy what arrives on each pipe to its stream (or into ``kept``) until all are closed."""
    selector = selectors.DefaultSelector()
    decoders = {}
    for connection, stream in streams.items():
        if connection is not None:
            selector.register(connection.fileno(), selectors.EVENT_READ, stream)
            decoders[connection.fileno()] = codecs.getincrementaldecoder("utf-8")("replace")
    while selector.get_map():
        for key, _ in selector.select():
            data = os.read(key.fd, 65536)
            text = decoders[key.fd].decode(data, final=not data)
            if text:
                if kept is None:
                    key.data.write(text)
                    key.data.flush()
                else:
                    kept.append(text)
            if not data:
                selector.unregister(key.fd)
    selector.close()
