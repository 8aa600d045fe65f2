import { Button, Group, Modal, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/** A button for a destructive action that asks first (a modal with the consequence and Cancel / confirm). */
export function ConfirmButton({
  label,
  question,
  confirmLabel = label,
  onConfirm,
  color = 'red',
  disabled,
  loading,
  size = 'sm',
}: {
  label: ReactNode;
  question: ReactNode;
  confirmLabel?: ReactNode;
  onConfirm: () => void;
  color?: string;
  disabled?: boolean;
  loading?: boolean;
  size?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button color={color} variant="light" size={size} onClick={() => setOpen(true)} disabled={disabled} loading={loading}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Please confirm" centered>
        <Text mb="md">{question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            color={color}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
