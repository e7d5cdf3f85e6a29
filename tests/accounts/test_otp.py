"""TOTP as RFC 6238 defines it, secrets that a database dump does not give away, recovery digests."""

import base64

from newsdesk.accounts import otp


def test_codes_follow_rfc_6238():
    # Appendix B: the SHA-1 key "12345678901234567890"; 8-digit codes, of which ours are the last 6.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert otp.code_at(secret, 59 // 30) == "287082"  # 94287082
    assert otp.code_at(secret, 1111111109 // 30) == "081804"  # 07081804
    assert otp.code_at(secret, 2000000000 // 30) == "279037"  # 69279037


def test_a_code_is_good_one_step_either_side_and_no_further():
    secret = otp.secret_new()
    now = 1_800_000_000.0
    step = otp.current_step(now)
    for drift in (-1, 0, 1):
        assert otp.matching_step(secret, otp.code_at(secret, step + drift), at=now) == step + drift
    for drift in (-3, -2, 2, 3):
        assert otp.matching_step(secret, otp.code_at(secret, step + drift), at=now) is None
    assert otp.matching_step(secret, "12345", at=now) is None
    assert otp.matching_step(secret, "abcdef", at=now) is None


def test_the_stored_secret_opens_only_with_the_sites_key(settings):
    secret = otp.secret_new()
    stored = otp.secret_encrypt(secret)
    assert secret not in stored and secret.lower() not in stored.lower()
    assert otp.secret_decrypt(stored) == secret
    settings.SECRET_KEY = "another site's key, or a dump read without ours: " + "x" * 20
    assert otp.secret_decrypt(stored) is None


def test_a_rotated_key_still_opens_secrets_stored_under_the_old_one(settings):
    secret = otp.secret_new()
    stored = otp.secret_encrypt(secret)
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "the new key " + "y" * 40, [old]
    assert otp.secret_decrypt(stored) == secret
    digest_before = otp.recovery_digests("abcde-fghjk", user_id=1)[-1]
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = old, []
    assert otp.recovery_digest("ABCDE FGHJK", user_id=1) == digest_before


def test_recovery_codes_are_random_readable_and_kept_as_digests():
    codes = otp.recovery_codes_new()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(code) == 11 and code[5] == "-" for code in codes)
    digest = otp.recovery_digest(codes[0], user_id=7)
    assert codes[0] not in digest
    assert otp.recovery_digest(codes[0], user_id=8) != digest  # bound to its account


def test_the_qr_code_is_drawn_here_as_svg():
    svg = otp.qr_svg(otp.provisioning_uri(otp.secret_new(), account="chief", issuer="Newsdesk"), title="QR")
    assert svg.startswith("<svg") and "<path" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
