"""Who may pass the gateway on a path that needs signing in: a valid access token of a session that
is still on; on staff paths, a person who has set up two-step sign-in when the practice requires
it; on a feature's paths, a practice that offers the feature."""

from __future__ import annotations

from portalkit.auth import Principal, TokenVerifier
from portalkit.errors import Problem, unauthorized

from gateway.adapters.identity_sessions import ENDED, IdentitySessions, SessionState, session_ended
from gateway.adapters.practice_features import PracticeFeatures
from gateway.feature_paths import feature_of, feature_off

STAFF_PATHS = "/api/v1/staff/"
# Where a person whose profile access ended can still go: to see who they are and pick another profile.
PROFILE_CHOOSING_PATHS = frozenset({"/api/v1/me", "/api/v1/me/profiles"})
AUTH_PATHS = "/api/v1/auth/"


def profile_access_ended() -> Problem:
    return Problem(
        403,
        "profile-access-ended",
        "You can no longer open this profile.",
        "Your access to this profile has ended. Choose another profile to continue.",
    )


def mfa_enrolment_required() -> Problem:
    return Problem(
        403,
        "mfa-enrolment-required",
        "Set up two-step sign-in first.",
        "Your practice requires two-step sign-in for staff. Turn it on under Security, then try again.",
    )


class Admission:
    def __init__(self, verifier: TokenVerifier, sessions: IdentitySessions, features: PracticeFeatures) -> None:
        self._verifier = verifier
        self._sessions = sessions
        self.features = features

    def admit(self, token: str | None, path: str) -> Principal:
        caller, state = self._signed_in(token)
        # /me, /me/2fa and /auth stay open: they are how the person sets two-step sign-in up.
        if state.mfa_enrolment_required and path.startswith(STAFF_PATHS):
            raise mfa_enrolment_required()
        if _profile_closed(caller, state) and not _chooses_profile(path):
            raise profile_access_ended()
        feature = feature_of(path)
        if feature and not self.features.of(caller.practice_id).get(feature, True):
            raise feature_off(feature)
        return caller

    def _signed_in(self, token: str | None) -> tuple[Principal, SessionState]:
        """A token naming no session could never be revoked, so it is refused too."""
        if token is None:
            raise unauthorized()
        caller = self._verifier.verify(token)
        state = self._sessions.state(caller.session_id) if caller.session_id else ENDED
        if not state.active:
            raise session_ended()
        return caller, state


def _profile_closed(caller: Principal, state: SessionState) -> bool:
    """A client token scoped to a profile the account may no longer open (a link ended or removed)."""
    return (
        caller.role == "client"
        and caller.profile_id is not None
        and state.profile_ids is not None
        and caller.profile_id not in state.profile_ids
    )


def _chooses_profile(path: str) -> bool:
    return path in PROFILE_CHOOSING_PATHS or path.startswith(AUTH_PATHS)
