"""Web Push: the server's VAPID keys, and sending one message to one browser with retries.

The keys come from VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT (see settings). Both
keys are base64url: the private key is the raw 32-byte P-256 scalar, the public key the 65-byte
uncompressed point the browser's PushManager wants as its applicationServerKey.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from dataclasses import dataclass

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from pywebpush import WebPushException, webpush

log = logging.getLogger(__name__)

GONE = (404, 410)
TTL_SECONDS = 30 * 60  # a reminder older than its window is no use: the push service drops it


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass(frozen=True)
class VapidKeys:
    public: str
    private: str

    @classmethod
    def generate(cls) -> VapidKeys:
        key = ec.generate_private_key(ec.SECP256R1())
        raw_private = key.private_numbers().private_value.to_bytes(32, "big")
        raw_public = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return cls(public=b64url(raw_public), private=b64url(raw_private))


def push_configured() -> bool:
    return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY)


class Outcome:
    SENT, GONE, FAILED = "sent", "gone", "failed"


def send_push(subscription_info: dict, message: dict, *, attempts: int | None = None) -> str:
    """Send one encrypted message; ``Outcome.GONE`` when the browser unsubscribed (404/410).

    Any other failure (a 5xx, a 429, no answer) is retried with exponential backoff from
    PUSH_RETRY_DELAY seconds, and logged; after the last attempt it is ``Outcome.FAILED``.
    """
    attempts = attempts or settings.PUSH_ATTEMPTS
    delay = settings.PUSH_RETRY_DELAY
    host = subscription_info["endpoint"].split("/")[2]
    for attempt in range(1, attempts + 1):
        try:
            webpush(
                subscription_info,
                data=json.dumps(message),
                vapid_private_key=settings.VAPID_PRIVATE_KEY,
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                ttl=TTL_SECONDS,
                timeout=10,
            )
            return Outcome.SENT
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:
                log.info("Push subscription at %s is gone (%s): deleting it", host, status)
                return Outcome.GONE
            problem = f"HTTP {status}" if status else str(error)
        except requests.RequestException as error:
            problem = type(error).__name__
        except Exception:  # a broken subscription (bad keys) must not stop everyone's reminders
            log.exception("Push to %s could not be made", host)
            return Outcome.FAILED
        log.warning("Push to %s failed (%s), attempt %d of %d", host, problem, attempt, attempts)
        if attempt < attempts:
            time.sleep(delay * 2 ** (attempt - 1))
    return Outcome.FAILED
