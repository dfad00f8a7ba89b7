"use client";
/** A confirm dialog for destructive actions: the question, the action's error (if it failed) and two buttons. */
import { Modal } from "@/components/modal";
import { FormError } from "@/components/error-state";
import { Button } from "@/components/ui";
import { useMessages } from "@/i18n/use-messages";

interface Props {
  open: boolean;
  title: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({ open, title, question, confirmLabel, busy, error, onConfirm, onClose }: Props) {
  const { m } = useMessages();
  return (
    <Modal open={open} onClose={onClose} title={title}>
      <p className="text-sm">{question}</p>
      <div className="mt-2">
        <FormError error={error} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {m.common.cancel}
        </Button>
        <Button variant="danger" onClick={onConfirm} disabled={busy}>
          {busy ? m.common.saving : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
