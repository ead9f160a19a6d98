/**
 * A small XML well-formedness check for the trace pictures: balanced tags, quoted attributes,
 * no raw `&` or `<` in text. Enough to prove an SVG parses, without a parser dependency.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ATTR = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/y;
const ENTITY = /&(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g;

function checkText(s: string, where: string): string {
  if (s.replace(ENTITY, '').includes('&')) throw new Error(`raw & in ${where}: ${s.slice(0, 60)}`);
  return s;
}

/** Parses `xml` (optionally after a doctype or declaration) or throws with the first error. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    (stack[stack.length - 1] as XmlElement).text += checkText(text, 'text');
    if (lt < 0) break;
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      i = xml.indexOf('>', lt) + 1;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (open === undefined || open.name !== tag.slice(1))
        throw new Error(`</${tag.slice(1)}> closes <${open?.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^[^\s]+/.exec(body);
    const name = m?.[0] ?? '';
    if (!NAME.test(name)) throw new Error(`bad tag name <${name}>`);
    const attrs: Record<string, string> = {};
    let j = name.length;
    ATTR.lastIndex = j;
    let a: RegExpExecArray | null;
    while ((a = ATTR.exec(body)) !== null) {
      if ((a[1] as string) in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1] as string] = checkText(a[2] as string, `attribute ${a[1]}`);
      j = ATTR.lastIndex;
    }
    if (body.slice(j).trim() !== '') throw new Error(`bad attributes on <${name}>: ${body.slice(j, j + 40)}`);
    const el: XmlElement = { name, attrs, children: [], text: '' };
    (stack[stack.length - 1] as XmlElement).children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`<${(stack[stack.length - 1] as XmlElement).name}> is never closed`);
  if (root.children.length !== 1) throw new Error(`${root.children.length} root elements`);
  return root.children[0] as XmlElement;
}

/** Every element of the tree, depth first. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}
