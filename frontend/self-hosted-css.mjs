// The NHS.UK frontend's CSS loads the Frutiger web fonts from the NHS's own CDN. The hub serves every asset itself:
// a page must not stall when that host is unreachable, nor tell it each clinician's address. Frutiger is licensed
// and not in the npm package, so its @font-face rules are removed and pages use the design system's own fallback
// (Arial). The build fails if any other outside address is left in the CSS.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const source = 'node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'
const target = 'build/nhsuk-frontend.min.css'

const css = readFileSync(source, 'utf8').replace(/@font-face\{[^}]*url\(https?:[^}]*\}/g, '')
const outside = css.match(/url\(\s*["']?(https?:)?\/\/[^)]*\)/g)
if (outside) {
  console.error(`outside addresses left in ${source}: ${outside.join(', ')}`)
  process.exit(1)
}
mkdirSync('build', { recursive: true })
writeFileSync(target, css.replace(/\/\*# sourceMappingURL=[^*]*\*\//g, ''))
