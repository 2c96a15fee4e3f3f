// Tests read test data with Vite's `?raw` imports, which keeps common/ free of Node's fs.
declare module '*?raw' {
  const text: string
  export default text
}
