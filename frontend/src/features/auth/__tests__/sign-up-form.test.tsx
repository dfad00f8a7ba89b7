import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { userBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { useAuthStore } from "@/stores/auth-store";
import { ko } from "@/i18n/ko";
import { SignUpForm } from "../components/sign-up-form";

const replace = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace }) }));

async function fill(user: ReturnType<typeof userEvent.setup>, values: { username: string; email: string; password: string; confirm: string }) {
  await user.type(screen.getByLabelText(ko.auth.username), values.username);
  await user.type(screen.getByLabelText(ko.auth.email), values.email);
  await user.type(screen.getByLabelText(ko.auth.password), values.password);
  await user.type(screen.getByLabelText(ko.auth.passwordConfirm), values.confirm);
  await user.click(screen.getByRole("button", { name: ko.auth.submitSignUp }));
}

describe("SignUpForm", () => {
  it("validates before sending anything", async () => {
    const posts = vi.fn();
    server.use(http.post(`${API}/users/register/`, () => (posts(), HttpResponse.json(userBody, { status: 201 }))));
    const user = userEvent.setup();
    renderWithProviders(<SignUpForm />);
    await fill(user, { username: "kim", email: "not-an-email", password: "short", confirm: "other" });
    expect(screen.getByText(ko.auth.invalidEmail)).toBeInTheDocument();
    expect(screen.getByText(ko.auth.passwordTooShort)).toBeInTheDocument();
    expect(screen.getByText(ko.auth.passwordMismatch)).toBeInTheDocument();
    expect(posts).not.toHaveBeenCalled();
  });

  it("shows the server's field errors once, in Korean", async () => {
    server.use(
      http.post(`${API}/users/register/`, () =>
        HttpResponse.json({ message: "An account with this username or email already exists.", code: "account_exists", extra: {} }, { status: 409 }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignUpForm />);
    await fill(user, { username: "kim", email: "kim@example.com", password: "longenough1", confirm: "longenough1" });
    expect(await screen.findByText("이미 사용 중인 아이디이거나 이미 가입된 이메일입니다.")).toBeInTheDocument();
    expect(screen.getAllByText("이미 사용 중인 아이디이거나 이미 가입된 이메일입니다.")).toHaveLength(1);
    expect(screen.queryByText(/already exists/)).not.toBeInTheDocument();
  });

  it("registers, signs in and goes to the dashboard", async () => {
    server.use(
      http.post(`${API}/users/register/`, () => HttpResponse.json(userBody, { status: 201 })),
      http.post(`${API}/users/token/`, () => HttpResponse.json({ access: "acc", refresh: "ref" })),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignUpForm />);
    await fill(user, { username: "kim", email: "kim@example.com", password: "longenough1", confirm: "longenough1" });
    await waitFor(() => expect(replace).toHaveBeenCalledWith("/dashboard"));
    expect(useAuthStore.getState()).toMatchObject({ access: "acc", refresh: "ref", username: "kim" });
  });
});
