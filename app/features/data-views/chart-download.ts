/** Saves a drawn chart (recharts' SVG) as an SVG or PNG file, in the browser. */
export function downloadChart(container: HTMLElement | null, name: string, format: "svg" | "png"): void {
  const svg = container?.querySelector<SVGSVGElement>("svg.recharts-surface");
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(Math.round(width)));
  clone.setAttribute("height", String(Math.round(height)));
  clone.style.fontFamily = "system-ui, sans-serif";
  const blob = new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml" });
  if (format === "svg") return save(blob, `${name}.svg`);
  const url = URL.createObjectURL(blob);
  const image = new Image();
  image.onload = () => {
    // Twice the on-screen size, on white, so it prints and projects sharply.
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    URL.revokeObjectURL(url);
    canvas.toBlob((png) => png && save(png, `${name}.png`), "image/png");
  };
  image.src = url;
}

/** Saves text (a table as CSV) as a file, in the browser. */
export function downloadText(text: string, filename: string, type: string): void {
  save(new Blob([text], { type }), filename);
}

function save(blob: Blob, filename: string) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
