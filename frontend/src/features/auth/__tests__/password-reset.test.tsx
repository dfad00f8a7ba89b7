import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { koErrors } from "@/i18n/errors-ko";
import { PasswordResetConfirmForm, PasswordResetRequestForm } from "../components/password-reset-forms";

let search = new URLSearchParams();
vi.mock("next/navigation", () => ({ useSearchParams: () => search, useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

describe("PasswordResetRequestForm", () => {
  it("posts the email and says a link is on its way", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/users/password-reset/`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ email: "kim@example.com" }, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PasswordResetRequestForm />);
    await user.type(screen.getByLabelText(ko.auth.email), "kim@example.com");
    await user.click(screen.getByRole("button", { name: ko.auth.resetSubmit }));
    expect(await screen.findByText(ko.auth.resetSent)).toBeInTheDocument();
    expect(bodies).toEqual([{ email: "kim@example.com" }]);
  });
});

describe("PasswordResetConfirmForm", () => {
  it("sends the link's uid and token with the new password", async () => {
    search = new URLSearchParams({ uid: "MQ", token: "abc-123" });
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/users/password-reset/confirm/`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PasswordResetConfirmForm />);
    await user.type(screen.getByLabelText(ko.auth.newPassword), "An0ther-long-pass");
    await user.type(screen.getByLabelText(ko.auth.passwordConfirm), "An0ther-long-pass");
    await user.click(screen.getByRole("button", { name: ko.auth.resetConfirmSubmit }));
    expect(await screen.findByText(ko.auth.resetDone)).toBeInTheDocument();
    expect(bodies).toEqual([{ uid: "MQ", token: "abc-123", new_password: "An0ther-long-pass" }]);
  });

  it("shows a used or wrong link in Korean and offers a new one", async () => {
    search = new URLSearchParams({ uid: "MQ", token: "used" });
    server.use(
      http.post(`${API}/users/password-reset/confirm/`, () =>
        HttpResponse.json(
          {
            message: "token: the reset link is invalid, expired or already used.",
            code: "invalid_reset_link",
            extra: { fields: { token: ["the reset link is invalid, expired or already used."] }, field_codes: { token: ["invalid_reset_link"] } },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<PasswordResetConfirmForm />);
    await user.type(screen.getByLabelText(ko.auth.newPassword), "An0ther-long-pass");
    await user.type(screen.getByLabelText(ko.auth.passwordConfirm), "An0ther-long-pass");
    await user.click(screen.getByRole("button", { name: ko.auth.resetConfirmSubmit }));
    expect(await screen.findByText(koErrors.codes.invalid_reset_link)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: ko.auth.requestNewLink })).toHaveAttribute("href", "/reset-password");
    expect(screen.queryByText(/reset link is invalid/)).not.toBeInTheDocument();
  });

  it("says the link is broken when it lacks its token, without sending anything", () => {
    search = new URLSearchParams({ uid: "MQ" });
    renderWithProviders(<PasswordResetConfirmForm />);
    expect(screen.getByText(ko.auth.resetLinkMissing)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
