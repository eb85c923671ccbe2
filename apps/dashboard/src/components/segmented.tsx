import type { ComponentChildren } from 'preact';

/**
 * A row of toggle buttons (each with aria-pressed) grouped under a label screen readers announce. A
 * fieldset rather than role="group": it is the native element for a labelled group of controls.
 */
export function Segmented({
  label,
  wrap,
  children,
}: {
  label: string;
  wrap?: boolean;
  children: ComponentChildren;
}) {
  return (
    <fieldset class={wrap ? 'segmented wrap' : 'segmented'}>
      <legend class="visually-hidden">{label}</legend>
      {children}
    </fieldset>
  );
}
