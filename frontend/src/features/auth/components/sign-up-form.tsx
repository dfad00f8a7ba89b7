"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fieldErrorTexts } from "@/i18n/errors";
import { FormError } from "@/components/error-state";
import { Button, Card, Field, inputClass } from "@/components/ui";
import { useRegister } from "../api/register";
import { useSignIn } from "../api/sign-in";
import { signUpInputSchema } from "../schemas";

type Key = "username" | "email" | "password" | "password_confirm";

export function SignUpForm() {
  const { m, lang } = useMessages();
  const router = useRouter();
  const register = useRegister();
  const signIn = useSignIn();
  const [values, setValues] = useState<Record<Key, string>>({ username: "", email: "", password: "", password_confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const set = (k: Key) => (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = signUpInputSchema.safeParse(values);
    if (!parsed.success) {
      const next: Partial<Record<Key, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as Key;
        if (next[key]) continue;
        if (key === "email") next.email = values.email ? m.auth.invalidEmail : m.common.required;
        else if (key === "password") next.password = values.password ? m.auth.passwordTooShort : m.common.required;
        else if (key === "password_confirm") next.password_confirm = m.auth.passwordMismatch;
        else next[key] = m.common.required;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    const { username, email, password } = parsed.data;
    try {
      await register.mutateAsync({ username, email, password });
      await signIn.mutateAsync({ username, password });
      router.replace("/dashboard");
    } catch (err) {
      setErrors(fieldErrorTexts(err, m, lang) as Partial<Record<Key, string>>);
    }
  };

  const field = (key: Key, label: string, type: string, autoComplete: string) => (
    <Field id={`signup-${key}`} label={label} error={errors[key]}>
      <input
        id={`signup-${key}`}
        type={type}
        autoComplete={autoComplete}
        className={inputClass}
        value={values[key]}
        onChange={set(key)}
        aria-invalid={Boolean(errors[key]) || undefined}
        aria-describedby={errors[key] ? `signup-${key}-error` : undefined}
      />
    </Field>
  );

  const error = register.error ?? signIn.error;
  return (
    <Card className="mx-auto w-full max-w-sm" title={<span className="text-xl">{m.auth.signUpTitle}</span>}>
      <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        {field("username", m.auth.username, "text", "username")}
        {field("email", m.auth.email, "email", "email")}
        {field("password", m.auth.password, "password", "new-password")}
        {field("password_confirm", m.auth.passwordConfirm, "password", "new-password")}
        {Object.keys(fieldErrorTexts(error, m, lang)).length === 0 && <FormError error={error} />}
        {register.isSuccess && <p role="status" className="text-sm text-up">{m.auth.signedUp}</p>}
        <Button type="submit" disabled={register.isPending || signIn.isPending}>
          {register.isPending ? m.common.loading : m.auth.submitSignUp}
        </Button>
        <p className="text-sm text-muted">
          {m.auth.haveAccount}{" "}
          <Link href="/signin" className="text-accent underline">
            {m.auth.signInTitle}
          </Link>
        </p>
      </form>
    </Card>
  );
}
