/**
 * The ARC chart version every export pins, for the controller and the scale sets alike (the two
 * charts are released together and must match). Its default values are kept as test data in
 * `testdata/gha-runner-scale-set-<version>.values.yaml`; moving to another version means replacing
 * that file and letting the tests show what changed.
 */
export const ARC_CHART_VERSION = '0.12.1'

/** Where GitHub publishes ARC's Helm charts (OCI registry). */
export const ARC_CHART_REGISTRY = 'oci://ghcr.io/actions/actions-runner-controller-charts'

/** The chart that installs ARC's controller and CRDs, once per cluster. */
export const CONTROLLER_CHART = `${ARC_CHART_REGISTRY}/gha-runner-scale-set-controller`

/** The chart installed once per runner scale set. */
export const SCALE_SET_CHART = `${ARC_CHART_REGISTRY}/gha-runner-scale-set`

/** The controller's Helm release name in GitHub's quickstart. */
export const CONTROLLER_RELEASE = 'arc'

/** The chart fails to render a scale set whose name is longer ("Name must have up to 45 characters"). */
export const SCALE_SET_NAME_MAX = 45

/** The chart fails to render into a namespace whose name is longer. */
export const NAMESPACE_MAX = 63
