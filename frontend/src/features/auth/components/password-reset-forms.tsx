"use client";
/** Password reset: ask for a link by email, then set a new password from the link's uid and token. */
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fieldErrorTexts } from "@/i18n/errors";
import { FormError } from "@/components/error-state";
import { Button, Card, Field, inputClass } from "@/components/ui";
import { useConfirmPasswordReset, useRequestPasswordReset } from "../api/password-reset";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function PasswordResetRequestForm() {
  const { m } = useMessages();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      request.reset();
      setError(m.auth.invalidEmail);
      return;
    }
    setError(undefined);
    request.mutate({ email: email.trim() });
  };
  return (
    <Card className="mx-auto w-full max-w-sm" title={<span className="text-xl">{m.auth.resetTitle}</span>}>
      {request.isSuccess ? (
        <div className="flex flex-col gap-3">
          <p role="status" className="text-sm">{m.auth.resetSent}</p>
          <Link href="/signin" className="text-sm text-accent underline">{m.auth.backToSignIn}</Link>
        </div>
      ) : (
        <form noValidate onSubmit={submit} className="flex flex-col gap-3">
          <p className="text-sm text-muted">{m.auth.resetHelp}</p>
          <Field id="reset-email" label={m.auth.email} error={error}>
            <input id="reset-email" type="email" autoComplete="email" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={Boolean(error) || undefined} />
          </Field>
          <FormError error={request.error} />
          <Button type="submit" disabled={request.isPending}>
            {request.isPending ? m.common.loading : m.auth.resetSubmit}
          </Button>
          <Link href="/signin" className="text-sm text-accent underline">{m.auth.backToSignIn}</Link>
        </form>
      )}
    </Card>
  );
}

export function PasswordResetConfirmForm() {
  const { m, lang } = useMessages();
  const params = useSearchParams();
  const uid = params.get("uid") ?? "";
  const token = params.get("token") ?? "";
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [errors, setErrors] = useState<{ password?: string; again?: string }>({});
  const fieldErrors = fieldErrorTexts(confirm.error, m, lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = {
      password: password.length < 8 ? m.auth.passwordTooShort : undefined,
      again: again !== password ? m.auth.passwordMismatch : undefined,
    };
    setErrors(next);
    if (next.password || next.again) {
      confirm.reset();
      return;
    }
    confirm.mutate({ uid, token, new_password: password });
  };
  const title = <span className="text-xl">{m.auth.resetConfirmTitle}</span>;
  if (!uid || !token) {
    return (
      <Card className="mx-auto w-full max-w-sm" title={title}>
        <p role="alert" className="text-sm text-down">{m.auth.resetLinkMissing}</p>
        <Link href="/reset-password" className="text-sm text-accent underline">{m.auth.requestNewLink}</Link>
      </Card>
    );
  }
  if (confirm.isSuccess) {
    return (
      <Card className="mx-auto w-full max-w-sm" title={title}>
        <p role="status" className="text-sm">{m.auth.resetDone}</p>
        <Link href="/signin" className="text-sm text-accent underline">{m.auth.backToSignIn}</Link>
      </Card>
    );
  }
  const linkRefused = fieldErrors.token !== undefined || fieldErrors.uid !== undefined;
  return (
    <Card className="mx-auto w-full max-w-sm" title={title}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-3">
        <Field id="reset-new-password" label={m.auth.newPassword} error={errors.password ?? fieldErrors.new_password}>
          <input id="reset-new-password" type="password" autoComplete="new-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={Boolean(errors.password ?? fieldErrors.new_password) || undefined} />
        </Field>
        <Field id="reset-new-password-again" label={m.auth.passwordConfirm} error={errors.again}>
          <input id="reset-new-password-again" type="password" autoComplete="new-password" className={inputClass} value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={Boolean(errors.again) || undefined} />
        </Field>
        {confirm.error && fieldErrors.new_password === undefined && <FormError error={confirm.error} />}
        {linkRefused && <Link href="/reset-password" className="text-sm text-accent underline">{m.auth.requestNewLink}</Link>}
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? m.common.loading : m.auth.resetConfirmSubmit}
        </Button>
      </form>
    </Card>
  );
}
