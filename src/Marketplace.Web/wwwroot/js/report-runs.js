// District reports page: polls the runs still being produced and moves their bars; stops when none is left.
(function () {
    const rows = () => Array.from(document.querySelectorAll('tr[data-run]'))
        .filter(r => r.dataset.status === 'Queued' || r.dataset.status === 'Running');
    // One answer that fails (a dropped connection, a sign-in page instead of JSON) must not stop the polling:
    // the bar would freeze while the report is still being produced.
    async function status(row) {
        try {
            const res = await fetch('?handler=Status&id=' + row.dataset.run, { headers: { 'Accept': 'application/json' } });
            return res.ok ? await res.json() : null;
        } catch {
            return null;
        }
    }
    async function tick() {
        for (const row of rows()) {
            const s = await status(row);
            if (!s) continue;
            row.dataset.status = s.status;
            const bar = row.querySelector('.progress-bar');
            if (bar) { bar.style.width = s.progress + '%'; bar.textContent = s.progress + '%'; bar.parentElement.setAttribute('aria-valuenow', s.progress); }
            if (s.status === 'Done') row.querySelector('[data-download]').classList.remove('d-none');
            if (s.status === 'Failed') {
                const error = document.createElement('span');
                error.className = 'text-danger';
                error.textContent = s.error;
                row.cells[2].replaceChildren(error);
            }
        }
        if (rows().length > 0) setTimeout(tick, 1000);
    }
    if (rows().length > 0) setTimeout(tick, 500);
})();
