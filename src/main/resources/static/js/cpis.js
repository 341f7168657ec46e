// Starts the NHS.UK frontend components (header menu, error summary focus, file upload, skip link). The frontend
// refuses to start unless <body> says it is supported; module scripts only run in browsers that are, and an inline
// snippet would need the Content-Security-Policy relaxed.
import { initAll } from '/nhsuk-frontend.min.js'

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported')
initAll()
