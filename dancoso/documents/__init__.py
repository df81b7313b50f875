"""Official documents in the Decree 30/2020/NĐ-CP frame (A4, Times New Roman, the national
title, number, place and date, type and summary, signatures, recipients), rendered from plain
data. No domain knowledge: the apps build a ``frame.Document`` and get bytes back."""
