/**
 * Ids for groups and rules in the model format (`[a-z][a-z0-9_]{0,39}`), unique within a model: a slug of the
 * text, cut to fit, with `_2`, `_3`… appended on a clash.
 */
export function idMaker(): (text: string) => string {
  const used = new Set<string>();
  return (text) => {
    let base = text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[a-z]/.test(base)) base = `r_${base}`;
    if (base.length > 36) {
      // Cut at a word boundary where one is near, so the id stays readable.
      const cut = base.lastIndexOf('_', 36);
      base = (cut >= 20 ? base.slice(0, cut) : base.slice(0, 36)).replace(/_+$/, '');
    }
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    return id;
  };
}
