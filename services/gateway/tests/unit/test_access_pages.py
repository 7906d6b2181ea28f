"""The pages for getting in: each emailed link opens a page whose button does the work (mail
scanners open every link, and a GET must spend nothing), the sign-in page offers every way in, and
every script a page names is served."""

import re

import pytest

LINK_PAGES = {
    "/sign-in/link/emailed-token": ("Sign in to your portal", "Sign in", "/assets/sign-in-link-open.js"),
    "/verify-email/verify-token": ("Confirm your email address", "Verify my email", "/assets/verify-email.js"),
    "/reset-password/reset-token": ("Choose a new password", "Save my new password", "/assets/reset-password.js"),
}


def buttons(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r"<button\b[^>]*>(.*?)</button>", html, re.S)]


@pytest.mark.parametrize("path", sorted(LINK_PAGES))
def test_opening_an_emailed_link_shows_a_page_with_a_button_and_reaches_no_service(client, upstream, path):
    heading, button, script = LINK_PAGES[path]

    html = client.get(path).get_data(as_text=True)

    assert f">{heading}</h1>" in html
    assert button in buttons(html)
    assert f'<script type="module" src="{script}"></script>' in html
    assert path.rsplit("/", 1)[1] not in html
    assert upstream.sent == [] and upstream.session_checks == []


def test_a_link_page_says_what_to_do_when_the_link_no_longer_works(client):
    html = client.get("/sign-in/link/old-token").get_data(as_text=True)

    assert 'data-step="outcome"' in html
    assert "data-outcome-next" in html


def test_the_sign_in_page_offers_every_way_in(client):
    html = client.get("/sign-in").get_data(as_text=True)

    assert '<a href="/forgot-password" data-forgot-link>Forgot password?</a>' in html
    assert 'href="/sign-in/link">Email me a sign-in link</a>' in html
    assert 'href="/sign-in/pin">Sign in with a PIN from your practice</a>' in html
    assert "Send the email again" in buttons(html)


@pytest.mark.parametrize("path", ["/forgot-password", "/reset-password/t", "/security"])
def test_a_new_password_is_entered_twice_with_a_strength_hint(client, path):
    html = client.get(path).get_data(as_text=True)

    assert 'autocomplete="new-password"' in html
    assert html.count('autocomplete="new-password"') == 2
    assert "data-strength-meter" in html
    assert "a long phrase is best, 15 or more" in html


@pytest.mark.parametrize("path", ["/sign-in/link", "/sign-in/pin", "/forgot-password"])
def test_six_digit_codes_are_typed_into_a_numeric_one_time_code_field(client, path):
    html = client.get(path).get_data(as_text=True)

    assert 'inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6"' in html


def test_the_staff_client_page_holds_the_account_actions(client):
    html = client.get("/staff/clients/some-id").get_data(as_text=True)

    assert 'role="switch"' in html
    for label in ("Create a sign-in PIN", "Create reset link", "Copy invite link", "Revoke invitation"):
        assert label in buttons(html)
    assert 'type="datetime-local"' in html
    assert "Sign-in activity" in html


def test_the_staff_client_list_has_status_filters_and_bulk_invite(client):
    html = client.get("/staff/clients").get_data(as_text=True)

    assert 'aria-label="Show clients by portal status"' in html
    assert "Invite selected" in buttons(html)
    assert 'aria-label="Select every client shown"' in html


def test_every_script_and_module_a_page_loads_is_served(client):
    from gateway.api.pages import PAGES

    for rule in PAGES:
        html = client.get(rule.replace("<client_id>", "c").replace("<token>", "t")).get_data(as_text=True)
        for script in re.findall(r'<script type="module" src="([^"]+)"', html):
            source = client.get(script)
            assert source.status_code == 200, script
            for imported in re.findall(r'from "\./([^"]+)"', source.get_data(as_text=True)):
                assert client.get(f"/assets/{imported}").status_code == 200, f"{script} imports {imported}"


@pytest.mark.parametrize("path", ["/sign-in", "/sign-in/link", "/sign-in/pin", "/forgot-password"])
def test_each_sign_in_page_has_a_hidden_place_for_whom_to_call(client, path):
    html = client.get(path).get_data(as_text=True)

    assert '<p class="practice-contact" data-practice-contact hidden></p>' in html
    assert '<script type="module" src="/assets/practice-contact.js"></script>' in html
    assert client.get("/assets/practice-contact.js").status_code == 200
