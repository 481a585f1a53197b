#!/usr/bin/env python3
"""Writes Ui.fr.resx from ui.fr.tsv (English key, tab, French text: one a line). Edit the TSV, then run this."""
import os
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
head = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(here, 'ui.fr.tsv'), encoding='utf-8') if l.strip()]
seen = set()
out = [head]
for key, value in rows:
    if key in seen:
        raise SystemExit(f'ui.fr.tsv: "{key}" twice')
    seen.add(key)
    out.append('  <data name="%s" xml:space="preserve"><value>%s</value></data>\n' % (escape(key, {'"': '&quot;'}), escape(value)))
out.append('</root>\n')
open(os.path.join(here, 'Ui.fr.resx'), 'w', encoding='utf-8').write(''.join(out))
print(f'{len(rows)} French texts')
