// What the browser benchmark (browser.mjs) and its profiler (profile.mjs) share.

// Clicks `selector`'s element in the page and resolves with the time to the next paint: from
// just before the click's dispatch to a task queued from the requestAnimationFrame after it,
// which runs once the frame that shows the change is painted. The User Timing marks
// `bench:click` and `bench:painted` bracket it for a trace.
export const clickToPaint = (page, selector) =>
  page.evaluate(
    (sel) =>
      new Promise((done) => {
        const el = document.querySelector(sel);
        if (!el) throw new Error(`nothing matches ${sel}`);
        performance.mark('bench:click');
        const t0 = performance.now();
        el.click();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            performance.mark('bench:painted');
            done(performance.now() - t0);
          };
          ch.port2.postMessage(0);
        });
      }),
    selector,
  );

// A page of `app` in English whose save is put back before every navigation: every load
// replays the same save.
export const pageWithSave = async (app, save) => {
  const page = await app.newPage({ locale: 'en-GB' });
  await page.addInitScript((s) => {
    localStorage.setItem('hes.save', s);
    localStorage.setItem('hes.lang', 'en');
    localStorage.removeItem('hes.active');
  }, save);
  return page;
};
