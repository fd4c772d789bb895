// A one-line text field: typing, Backspace/Delete, ←/→, Home/End, Ctrl-U to clear, and bracketed
// paste (an ARN is usually pasted). Enter and Esc are left to the parent, which owns the flow.
import React, {useState} from 'react';
import {Text, useInput, usePaste} from 'ink';
import {useOverlayOpen} from '../context.js';

export interface TextInputProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  isActive?: boolean;
  /** Visible cells; a longer value scrolls so the cursor stays in view. */
  width: number;
}

/** The field holds one line: control characters (line breaks included) become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function TextInput({value, onChange, placeholder, isActive: wanted = true, width}: TextInputProps) {
  const isActive = wanted && !useOverlayOpen();
  const [cursor, setCursor] = useState(value.length);
  const at = Math.min(cursor, value.length);

  const insert = (text: string) => {
    onChange(value.slice(0, at) + text + value.slice(at));
    setCursor(at + text.length);
  };

  useInput(
    (input, key) => {
      if (key.return || key.escape || key.tab || key.upArrow || key.downArrow) return;
      if (key.leftArrow) setCursor(Math.max(0, at - 1));
      else if (key.rightArrow) setCursor(Math.min(value.length, at + 1));
      else if (key.home) setCursor(0);
      else if (key.end) setCursor(value.length);
      else if (key.backspace) {
        if (at === 0) return;
        onChange(value.slice(0, at - 1) + value.slice(at));
        setCursor(at - 1);
      } else if (key.delete) onChange(value.slice(0, at) + value.slice(at + 1));
      else if (key.ctrl && input === 'u') {
        onChange('');
        setCursor(0);
      } else if (!key.ctrl && !key.meta && input) insert(oneLine(input));
    },
    {isActive},
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
