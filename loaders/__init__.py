"""Extraction: letter files to ``Letter`` records.

``read`` (txt/md in any encoding, PDF, DOCX, legacy fonts) → ``clean`` / ``flatten`` (markup out, NFC, one
tone style, glued syllables split, an offset map back to the original) → ``header``, ``citations``,
``assignments``, ``self_naming`` (find) → ``issuer`` (resolve with :mod:`lineage.reference`) → ``extract``.
It reads :mod:`lineage.reference` and :mod:`lineage.models`; it never imports ``graph``.
"""
