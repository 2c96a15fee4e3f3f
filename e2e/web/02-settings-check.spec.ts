// Settings are checked when they are saved: a misspelled image is flagged (it would be pulled at
// start), a name Docker refuses and a network Docker does not have are refused at their field,
// which gets the focus; health is checked again after each change; an OAuth client id brings
// "Sign in with GitHub" without a reload; Docker access is marked for as long as it is on.
import { expect, test, type Page } from '@playwright/test'
import { goTo, openPage } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
let image = ''
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#settings')
  image = await page.getByTestId('settings-image').inputValue()
})
test.afterAll(async () => {
  await page.context().close()
})

const save = () => page.getByTestId('settings-save').click()
const checkedAt = async () =>
  Number(await page.getByTestId('health-image').getAttribute('data-checked-at'))

test('a misspelled image is flagged at save; a name Docker refuses is not saved', async () => {
  await expect(page).toHaveTitle('Settings — RunnerDock')
  const field = page.getByTestId('settings-image')
  await field.fill(`${image}-typo`)
  await save()
  await expect(page.getByTestId('settings-saved')).toHaveText('Saved.')
  await expect(page.getByTestId('field-note-image')).toContainText('pulled when the pool starts')

  await field.fill('Runnerdock/Runner Standin')
  await save()
  await expect(page.getByTestId('settings-error')).toContainText('Not saved: fix Runner image.')
  await expect(field).toBeFocused()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
})

test('health is checked again after a settings change', async () => {
  await goTo(page, '#dashboard')
  const health = page.getByTestId('health-image')
  await expect(health).toContainText('-typo: not here yet, pulled at start')
  const before = await checkedAt()
  await goTo(page, '#settings')
  await page.getByTestId('settings-image').fill(image)
  await save()
  await expect(page.getByTestId('field-note-image')).toHaveText('The image is on this machine.')
  await goTo(page, '#dashboard')
  await expect(health).toHaveAttribute('data-state', 'ok')
  await expect(health).not.toContainText('pulled at start')
  expect(await checkedAt()).toBeGreaterThan(before)
  // And on request.
  const after = await checkedAt()
  await page.getByTestId('health-check-now').click()
  await expect.poll(checkedAt).toBeGreaterThan(after)
})

test('a Docker network that does not exist is refused at its field', async () => {
  await goTo(page, '#settings')
  const field = page.getByTestId('settings-network')
  const network = await field.inputValue()
  await field.fill('hots')
  await save()
  await expect(page.getByTestId('settings-error')).toHaveText(
    /^Not saved: fix Docker network\. Docker has no network named "hots"\./,
  )
  await expect(field).toBeFocused()
  await field.fill(network)
  await save()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
})

test('an OAuth client id shows "Sign in with GitHub" without a reload', async () => {
  const id = page.getByTestId('settings-oauth-client-id')
  const clientId = await id.inputValue()
  await id.fill('')
  await save()
  await expect(page.getByTestId('settings-saved')).toHaveText('Saved.')
  await expect(page.getByTestId('device-flow-start')).toHaveCount(0)
  await page.getByText('Advanced').click()
  await id.fill(clientId)
  await save()
  await expect(page.getByTestId('device-flow-start')).toBeVisible()
})

test('Docker access: a warning box, and a badge for as long as it is on', async () => {
  await page.getByTestId('settings-docker-access').check()
  await expect(page.getByTestId('docker-access-warning')).toHaveClass('warning-box')
  await save()
  await expect(page.getByTestId('docker-access-badge')).toHaveText('Jobs can control Docker')
  await goTo(page, '#dashboard')
  await expect(page.getByTestId('docker-access-badge')).toBeVisible()
  await goTo(page, '#settings')
  await page.getByTestId('settings-docker-access').uncheck()
  await save()
  await expect(page.getByTestId('docker-access-badge')).toHaveCount(0)
})
