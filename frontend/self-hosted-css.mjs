// The NHS.UK frontend's CSS loads the Frutiger web fonts from the NHS's own CDN. The hub serves every asset itself:
// a page must not stall when that host is unreachable, nor tell it each clinician's address. Frutiger is licensed
// and not in the npm package, so its @font-face rules move to a stylesheet of their own that points at the hub
// (nhsuk-fonts.css, url(assets/fonts/...)); the hub links it only when an operator gives it the font files
// (cpis.web.font-directory), and otherwise pages use the design system's own fallback (Arial). The build fails if
// any outside address is left in either stylesheet.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const source = 'node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'
const fontFace = /@font-face\{[^}]*url\(https?:[^}]*\}/g

const original = readFileSync(source, 'utf8')
const faces = (original.match(fontFace) || []).map((rule) =>
  rule.replace(/url\(https?:\/\/[^)]*\/fonts\/([^)/]+)\)/g, 'url(assets/fonts/$1)'))
if (faces.length === 0) {
  console.error(`no @font-face rules found in ${source}: check the frontend's font handling`)
  process.exit(1)
}
const css = original.replace(fontFace, '').replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
for (const [name, text] of [['nhsuk-frontend.min.css', css], ['nhsuk-fonts.css', faces.join('\n') + '\n']]) {
  const outside = text.match(/url\(\s*["']?(https?:)?\/\/[^)]*\)/g)
  if (outside) {
    console.error(`outside addresses left in ${name}: ${outside.join(', ')}`)
    process.exit(1)
  }
}
mkdirSync('build', { recursive: true })
writeFileSync('build/nhsuk-frontend.min.css', css)
writeFileSync('build/nhsuk-fonts.css', faces.join('\n') + '\n')
