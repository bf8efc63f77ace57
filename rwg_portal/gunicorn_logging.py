"""gunicorn's access log without the secrets of URL paths (set in gunicorn.conf.py)."""

from gunicorn.glogging import Logger

from rwg_portal.observability import redact


class RedactingLogger(Logger):
    """The standard access log, with feed tokens and reset keys replaced in the request line,
    path and referrer (a same-origin referrer carries the reset page's address)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "f", "{referer}i"):
            if name in atoms:
                atoms[name] = redact(atoms[name])
        return atoms
