# The two commands of the README. Both install first (scripts/setup.sh), so they work on a fresh machine.
PYTHON ?= python3
ARCHIVE ?= out/samples.db

.PHONY: demo test setup bench

setup:
	PYTHON=$(PYTHON) bash scripts/setup.sh

## demo: batch samples/ into an archive, print the summary and a comparison of two periods,
## write the issuer pages (HTML) and the Excel workbook
demo: setup
	mkdir -p out
	baocao batch samples --archive $(ARCHIVE) --exclude '*/samples/real/*/scan/*' --exclude '*/samples/real/*/doc/*'  # the real corpus's scans (OCR) and .doc copies (LibreOffice): minutes
	baocao compare samples/series/quang-hoa-2024-quy1.txt samples/series/quang-hoa-2024-6thang.txt
	baocao report $(ARCHIVE) --all --out out/pages > /dev/null
	baocao export $(ARCHIVE) --format xlsx --out out > /dev/null
	@echo "issuer pages: out/pages/index.html (one page per issuer; open in a browser, prints on A4)"
	@echo "Excel workbook: out/$(basename $(notdir $(ARCHIVE))).xlsx"

## test: the whole test suite
test: setup
	$(PYTHON) -m pytest -q

bench: setup
	$(PYTHON) benchmarks/bench_parse.py
	$(PYTHON) benchmarks/bench_pdf.py
	$(PYTHON) benchmarks/bench_ocr.py
	$(PYTHON) benchmarks/bench_batch.py
	$(PYTHON) benchmarks/bench_tables.py
	-$(PYTHON) benchmarks/bench_instructions.py  # needs valgrind (apt-get install valgrind); skipped without it
