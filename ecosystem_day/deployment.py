"""What the environment decides about running on several hosts: where media live and whether
the cache is shared. Plain functions of the environment (no Django import), so settings and
their specs read them alike; docs/deploy.md says how to use them.
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def media_storage(environ):
    """STORAGES["default"]: an S3-compatible bucket (django-storages) when MEDIA_S3_BUCKET is
    set, so every host reads what any host stored; else the local disk (one machine).

    Links are plain, unsigned URLs: poster images and photos are public, and public pages are
    cached for everyone, so a signed link would expire inside a cached copy. The bucket (or the
    CDN in front of it, MEDIA_S3_PUBLIC_URL) must therefore allow anonymous reads.
    """
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": LOCAL_BACKEND}
    options = {
        "bucket_name": bucket,
        "querystring_auth": False,
        "location": environ.get("MEDIA_S3_LOCATION", "").strip("/"),
    }
    # Access keys: boto3's usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a
    # profile, an instance role), never copied into settings.
    for option, name in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
    ):
        if environ.get(name):
            options[option] = environ[name]
    # Links built as text: boto3 signing nothing still cost 1.7 ms a link (busy 2-core machine).
    parts = urlsplit(media_public_url(environ))
    options["custom_domain"] = f"{parts.netloc}{parts.path}"
    options["url_protocol"] = f"{parts.scheme}:"
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def media_public_url(environ):
    """The base of media links: MEDIA_S3_PUBLIC_URL (a CDN, say), else the bucket's address at
    its endpoint (path style, as S3-compatible servers answer) or at AWS (virtual-host style)."""
    bucket = environ["MEDIA_S3_BUCKET"].strip()
    if public := environ.get("MEDIA_S3_PUBLIC_URL", "").strip().rstrip("/"):
        return public
    if endpoint := environ.get("AWS_S3_ENDPOINT_URL", "").strip().rstrip("/"):
        return f"{endpoint}/{bucket}"
    region = environ.get("AWS_S3_REGION_NAME", "").strip()
    return (
        f"https://{bucket}.s3.{region}.amazonaws.com"
        if region
        else f"https://{bucket}.s3.amazonaws.com"
    )


def media_origins(environ):
    """The origin images are served from when it is not this site, for the CSP's img-src
    (https: is allowed already; an http endpoint, such as a MinIO on the LAN, is not)."""
    if not environ.get("MEDIA_S3_BUCKET", "").strip():
        return []
    parts = urlsplit(media_public_url(environ))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme == "http" and parts.netloc else []


def web_workers(environ):
    """How many processes serve this site on this host: gunicorn's worker count as
    gunicorn.conf.py exports it (GUNICORN_WORKERS, whatever -w said), else WEB_CONCURRENCY."""
    for name in ("GUNICORN_WORKERS", "WEB_CONCURRENCY"):
        value = environ.get(name, "").strip()
        if value:
            try:
                return int(value)
            except ValueError:
                raise ValueError(
                    f"{name} must be a whole number of workers, not {value!r}."
                ) from None
    return 1


def per_process_cache_refusal(environ, *, debug):
    """Why this production run must not start with a cache of its own in each process, or None.

    Without REDIS_URL each worker keeps its own copy of every page and of the event's version:
    an organizer's change reaches the other workers only after seconds (3.3 to 4.9 s, measured
    across two hosts), and the sign-up and reset throttles count per process, so N workers let
    N times the limit through. ALLOW_PER_PROCESS_CACHE=1 accepts that knowingly.
    """
    if debug or environ.get("REDIS_URL", "").strip():
        return None
    if environ.get("ALLOW_PER_PROCESS_CACHE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return None
    workers = web_workers(environ)
    if workers <= 1:
        return None
    return (
        f"{workers} web workers and no REDIS_URL: each worker would keep its own cache, so an "
        "organizer's change would reach the others only seconds later and the sign-up and "
        "password-reset limits would count per process. Set REDIS_URL to a Redis every host "
        "shares (docs/deploy.md), or ALLOW_PER_PROCESS_CACHE=1 to run this way knowingly."
    )
