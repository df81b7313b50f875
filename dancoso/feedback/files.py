"""What a resident may send with a case: photos (JPEG, PNG) and PDF files, five at most, each
at most 5 MB, checked by ``dancoso.core.files`` (real type by its bytes, server-made names,
metadata removed; the EXIF position kept only when the sender asks)."""

from dancoso.core.files import JPEG, MB, PDF, PNG, Use

UPLOADS = Use((JPEG, PNG, PDF), 5 * MB, advice="Hãy chụp lại ảnh nhỏ hơn hoặc gửi tệp khác.")
MAX_FILES = 5
TOO_MANY = "Chỉ gửi được tối đa 5 tệp mỗi lần."
