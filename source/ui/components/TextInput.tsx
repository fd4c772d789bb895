// A one-line text field: typing, Backspace/Delete, ←/→, Home/End, Ctrl-U to clear, and bracketed
// paste (an ARN is usually pasted). Enter calls `onSubmit` with the text as it is at that key;
// Esc is left to the parent, which owns the flow.
import React, {useRef, useState} from 'react';
import {Text, usePaste} from 'ink';
import {useKeyInput} from '../keyInput.js';
import {useOverlayOpen} from '../context.js';

export interface TextInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter, with the text including every key typed before it (even in the same read). */
  onSubmit?: (value: string) => void;
  placeholder?: string;
  isActive?: boolean;
  /** Visible cells; a longer value scrolls so the cursor stays in view. */
  width: number;
}

/** The field holds one line: control characters (line breaks included) become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function TextInput({
  value,
  onChange,
  onSubmit,
  placeholder,
  isActive: wanted = true,
  width,
}: TextInputProps) {
  // Always call the hook (a short-circuit would change the hook order when isActive flips).
  const overlay = useOverlayOpen();
  const isActive = wanted && !overlay;
  // A bracketed paste comes on Ink's paste channel, not through keyInput.tsx, so the Enter of the
  // same read can follow it before React renders: each key starts from the text and cursor the
  // previous one left, not from the last render's props. The field keeps both in a ref.
  const field = useRef({value, cursor: value.length});
  if (field.current.value !== value) {
    // The parent replaced the text (cleared it, or a fresh step): keep the cursor inside it.
    field.current = {value, cursor: Math.min(field.current.cursor, value.length)};
  }
  const [, setShownCursor] = useState(field.current.cursor);

  const update = (next: string, cursor: number) => {
    const changed = next !== field.current.value;
    field.current = {value: next, cursor: Math.max(0, Math.min(cursor, next.length))};
    setShownCursor(field.current.cursor);
    if (changed) onChange(next);
  };
  const insert = (text: string) => {
    const {value: v, cursor: at} = field.current;
    update(v.slice(0, at) + text + v.slice(at), at + text.length);
  };

  useKeyInput(
    (input, key) => {
      const {value: v, cursor: at} = field.current;
      if (key.return) return onSubmit?.(v);
      if (key.escape || key.tab || key.upArrow || key.downArrow) return;
      if (key.leftArrow) update(v, at - 1);
      else if (key.rightArrow) update(v, at + 1);
      else if (key.home) update(v, 0);
      else if (key.end) update(v, v.length);
      else if (key.backspace) {
        if (at > 0) update(v.slice(0, at - 1) + v.slice(at), at - 1);
      } else if (key.delete) update(v.slice(0, at) + v.slice(at + 1), at);
      else if (key.ctrl && input === 'u') update('', 0);
      else if (!key.ctrl && !key.meta && input) insert(oneLine(input));
    },
    {isActive, text: true},
  );
  // A pasted ARN often comes with a trailing newline or spaces from the copy.
  usePaste(text => insert(oneLine(text).trim()), {isActive});

  if (value === '' && placeholder) {
    return (
      <Text>
        <Text inverse> </Text>
        <Text dimColor>{placeholder.slice(0, Math.max(0, width - 1))}</Text>
      </Text>
    );
  }
  const at = field.current.cursor;
  // Keep the cursor cell on screen: show the window of `width` cells that ends at the cursor.
  const start = Math.max(0, at + 1 - width);
  const visible = value.slice(start, start + width);
  const cursorAt = at - start;
  return (
    <Text>
      {visible.slice(0, cursorAt)}
      <Text inverse>{visible[cursorAt] ?? ' '}</Text>
      {visible.slice(cursorAt + 1)}
    </Text>
  );
}
