/** A short, closed-by-default help text on the Markdown the editors accept. Works without JavaScript. */
export function MarkdownHelp() {
  return (
    <details className="markdown-help">
      <summary>Så formaterar du texten (Markdown)</summary>
      <dl>
        <dt>Rubrik</dt>
        <dd>
          <code>## Bakgrund</code> på en egen rad. Använd <code>###</code> för underrubriker.
        </dd>
        <dt>Fetstil och kursiv</dt>
        <dd>
          <code>**viktigt**</code> och <code>*betonat*</code>
        </dd>
        <dt>Punktlista</dt>
        <dd>
          Börja raden med <code>- </code> (numrerad lista: <code>1. </code>)
        </dd>
        <dt>Länk</dt>
        <dd>
          <code>[Kommunens rapport](https://www.exempel.se/rapport)</code>
        </dd>
        <dt>Stycke</dt>
        <dd>Lämna en tom rad mellan stycken.</dd>
      </dl>
      <p>HTML, skript och inbäddat innehåll tas bort. Bilder visas bara från https-adresser.</p>
    </details>
  );
}
