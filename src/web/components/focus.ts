/** Moves focus to the page's h1, e.g. when a page moves on to its next step without a navigation. */
export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
