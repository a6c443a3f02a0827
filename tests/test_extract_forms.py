"""Table tests of the forms real letters use beyond the seeds (eyecite style: real strings, every path)."""
from __future__ import annotations

import unicodedata

import pytest

from lineage.loaders.extract import extract_text
from lineage.reference.resolver import resolve_body

PARTY_DISTRICT = """ĐẢNG BỘ TỈNH QUẢNG NINH
HUYỆN ỦY VÂN ĐỒN
*
Số 45-CV/HU
V/v triển khai thực hiện Chỉ thị số 05-CT/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Vân Đồn, ngày 3 tháng 3 năm 2019

Kính gửi: - Các chi, đảng bộ trực thuộc,
- Ủy ban nhân dân huyện.

Thực hiện Kế hoạch số 12-KH/TU ngày 20/02/2019 của Tỉnh ủy về thực hiện Chỉ thị số 05-CT/TW
ngày 15/5/2016 của Bộ Chính trị, Ban Thường vụ Huyện ủy yêu cầu:

1. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Ủy ban nhân dân huyện tổ chức quán triệt.

2. Văn phòng Huyện ủy theo dõi, tổng hợp, báo cáo Ban Thường vụ Huyện ủy.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c),
- Như kính gửi (t/h),
- Lưu VP.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Trần Văn Nam
"""

STATE_PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HOÀ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2345/UBND-KGVX
V/v triển khai Công điện số 1699/CĐ-TTg
Khánh Hòa, ngày 05 tháng 12 năm 2020

Kính gửi: Các sở, ban, ngành; UBND các huyện, thị xã, thành phố.

Căn cứ Nghị quyết số 21/NQ-CP ngày 26/02/2021 của Chính phủ và Quyết định số 120/2003/QĐ-UB ngày 10-01-2003 của Ủy ban nhân dân tỉnh; thực hiện Công điện số 1699/CĐ-TTg ngày 02/12/2020 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Y tế chủ trì, phối hợp với Công an tỉnh triển khai các biện pháp.

Nơi nhận:
- Như trên;
- Thủ tướng Chính phủ (để báo cáo);
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Thị Lan
"""

CENTRAL_TTG = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 16/CT-TTg
Hà Nội, ngày 31 tháng 3 năm 2020
CHỈ THỊ
Về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19

Tiếp theo Chỉ thị số 15/CT-TTg ngày 27/3/2020, Thủ tướng Chính phủ yêu cầu các Bộ, ngành, địa phương
thực hiện nghiêm Thông báo số 45-TB/TW ngày 01/3/2020 của Ban Bí thư và Kết luận số 72-KL/TW.

T/L THỦ TƯỚNG
CHÁNH VĂN PHÒNG

Trần Văn Sơn
"""


def _cit(letter, number):  # type: ignore[no-untyped-def]
    return next(c for c in letter.citations if c.number == number)


@pytest.mark.parametrize(
    "text, field, expected",
    [
        # header number forms
        ("Số 168-CV/TU\n", "symbol", "CV/TU"),
        ("Số: 1699/CĐ-TTg\n", "symbol", "CĐ-TTg"),
        ("Số: 1699/CD-TTg\n", "symbol", "CĐ-TTg"),  # Đ lost in conversion
        ("Số:   12 /KH-UBND\n", "symbol", "KH-UBND"),
        ("Số 156<sup>\\*</sup>-CV/TU\n", "number", "156"),
        ("Số: 120/2003/QĐ-UB\n", "symbol", "QĐ-UB"),
        ("Số: 120/2003/QĐ-UB\n", "doc_type", "Quyết định"),
        ("Số 05-CT/TW\n", "doc_type", "Chỉ thị"),
        ("Số 21-NQ/TW\n", "doc_type", "Nghị quyết"),
        ("Số 72-KL/TW\n", "doc_type", "Kết luận"),
        ("Số 03-HD/BTGTW\n", "doc_type", "Hướng dẫn"),
        ("Số 45-TB/TW\n", "doc_type", "Thông báo"),
        ("Số 12-KH/TU\n", "doc_type", "Kế hoạch"),
        ("Số: 1699/CĐ-TTg\n", "doc_type", "Công điện"),
        ("Số: 2345/UBND-KGVX\n", "doc_type", "Công văn"),  # State công văn: no type code
        ("Luật số: 45/2019/QH14\n", "symbol", "QH14"),  # laws: a symbol without a type code
        ("Nghị quyết số: 17/2022/UBTVQH15\n", "number", "17"),  # the type named on the number line
        ("Số: 66.19/2026/NQ-CP\n", "number", "66.19"),  # a dotted number
        ("Số: 30c/NQ-CP\n", "number", "30c"),  # a letter in the number
        ("Số: 2597/VPCP-NCV/v điều chỉnh lịch họp\n", "symbol", "VPCP-NC"),  # "V/v" glued to the symbol
        ("Số 367 - QĐ/TWĐTN-VPĐOÀN\n", "symbol", "QĐ/TWĐTN-VPĐOÀN"),  # accented capitals in the symbol
        ("Số 16 -\nHD/BTCTW\n", "symbol", "HD/BTCTW"),
        ("Số 16 –\nHD/BTCTW\n", "number", "16"),  # an en dash for "-"
        ("Sô: 12/KH-UBND\n", "number", "12"),  # OCR-damaged "Số"
        ("S6: 4825 /QĐ-TCT Hà Nội, ngày 01 tháng 8 năm 2022\n", "symbol", "QĐ-TCT"),
        ("ĐẢNG ỦY XÃ LA BẰNG * Số 09 -KH/ĐU ĐẢNG CỘNG SẢN VIỆT NAM\n", "symbol", "KH/ĐU"),  # flattened header
        ("CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 20 THÁNG 8 NĂM 2001\n", "number", "16"),
        ("VĂN BẢN QUY PHẠM PHÁP LUẬT\nBỘ TÀI CHÍNH\nThông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018\n",
         "number", "102"),  # a number only in the title line, under capitalised lines
        ("THÔNG TƯ\nQuy định danh mục các lĩnh vực\nCăn cứ Luật Phòng, chống tham nhũng số 36/2018/QH14;\n"
         "Điều 1. Phạm vi\nBỘ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 32/2026/TT-BKHCN\n\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "number", "32"),  # the header block after the page's text
        ("Kính gửi: Công ty TNHH Tài Nguyên\n Địa chỉ:  Số 98  - Hòn Nghê - Vĩnh Ngọc\n", "number", None),  # an address
        ("Kính gửi: Các đơn vị\nsố 65/2013/NĐ-CP ngày 27/6/2013 của Chính phủ\n", "number", None),  # a wrapped citation
        ("THÔNG TƯ\nCăn cứ Hiến pháp;\nNghị định số 59/2019/NĐ-CP ngày 01 tháng 7 năm 2019 của Chính phủ;\n",
         "number", None),  # a cited document's line in the preamble is no title
        # a legal database's page that opens with the number field, no letterhead, the type before the V/v line
        ("895/BVHTTDL-VP\n\nKTBT, TT Hồ Anh Tuấn\n\nCông văn V/v tổ chức kỷ niệm 40 năm Ngày Giải phóng\n\n"
         "Kính gửi: Ủy ban nhân dân các tỉnh\n", "number", "895"),
        ("895/BVHTTDL-VP\n\nKTBT, TT Hồ Anh Tuấn\n\nCông văn V/v tổ chức kỷ niệm 40 năm Ngày Giải phóng\n\n"
         "Kính gửi: Ủy ban nhân dân các tỉnh\n", "subject", "V/v tổ chức kỷ niệm 40 năm Ngày Giải phóng"),
        ("895/BVHTTDL-VP\n\nKTBT, TT Hồ Anh Tuấn\n\nCông văn V/v tổ chức kỷ niệm\n\nKính gửi: Các tỉnh\n",
         "issuer", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("Thực hiện Công văn số 12/UBND-VX ngày 2/3/2021.\n", "number", None),  # a citation opening the page is not its number
        # a steering committee under its commune's line, its name wrapped, an abbreviation kept in capitals
        ("UBND XÃ TÙNG CHÂU\n\nBCĐ CHƯƠNG TRÌNH MTQG\n\nXÂY DỰNG NÔNG THÔN MỚI\n\nSố: 01 /KH-BCĐ-NTM\n", "issuer",
         "Ban Chỉ đạo Chương trình MTQG xây dựng nông thôn mới xã Tùng Châu"),
        # a school's Party cell under its commune's committee: the cell writes, in its commune
        ("ĐẢNG ỦY XÃ PHONG MỸ\n\nCHI BỘ TRƯỜNG THCS PHONG MỸ\n\n*\nSố 41-KH/CB\n", "issuer",
         "Chi bộ Trường THCS Phong Mỹ"),
        ("ĐẢNG ỦY PHƯỜNG BIÊN GIANG\nChi bộ trường THCS Biên Giang\n*\nSố 08-KH/CB\n", "issuer",
         "Chi bộ Trường THCS Biên Giang"),
        # merged with its superior's line and the number line; its short form expanded
        ("ĐẢNG BỘ KHỐI DÂN CHÍNH ĐẢNG ĐẢNG ỦY TRƯỜNG ĐH LẠC HỒNG Số: 90 - CV/ĐULH |\nĐẢNG CỘNG SẢN VIỆT NAM\n",
         "issuer", "Đảng ủy Trường Đại học Lạc Hồng"),
        # a sentence of the body that begins with a cell is no header
        ("Chi bộ trường THCS Biên Giang tổ chức họp chi bộ định kỳ vào ngày 5 hằng tháng để đánh giá công tác\n",
         "issuer", None),
        # an enacting clause's subject ends before the lead-in to its list
        ("Ban Chấp hành Đảng bộ thành phố xây dựng Chương trình hành động thực hiện Nghị quyết Đại hội XII của Đảng, "
         "tập trung vào những trọng tâm sau:\n", "subject", "thực hiện Nghị quyết Đại hội XII của Đảng"),
        # a title with a qualifier in brackets; a title line that wraps at a comma before "CHỦ TỊCH NƯỚC"
        ("BỘ CHÍNH TRỊ\n*\nSố: 216-QĐ/TW\nHà Nội, ngày 01 tháng 4 năm 2009\nQUY ĐỊNH (BỔ SUNG)\nVỀ QUAN HỆ LÃNH ĐẠO "
         "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỚI ĐỒNG CHÍ UỶ VIÊN BỘ CHÍNH TRỊ,\nCHỦ TỊCH NƯỚC VÀ MỘT SỐ TỔ CHỨC ĐẢNG.\n"
         "- Căn cứ Điều lệ Đảng;\n", "doc_type", "Quy định"),
        ("BỘ CHÍNH TRỊ\n*\nSố: 216-QĐ/TW\nHà Nội, ngày 01 tháng 4 năm 2009\nQUY ĐỊNH (BỔ SUNG)\nVỀ QUAN HỆ LÃNH ĐẠO "
         "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỚI ĐỒNG CHÍ ỦY VIÊN BỘ CHÍNH TRỊ,\nCHỦ TỊCH NƯỚC VÀ MỘT SỐ TỔ CHỨC ĐẢNG.\n"
         "- Căn cứ Điều lệ Đảng;\n", "subject", "VỀ QUAN HỆ LÃNH ĐẠO CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỚI ĐỒNG CHÍ ỦY VIÊN BỘ "
         "CHÍNH TRỊ, CHỦ TỊCH NƯỚC VÀ MỘT SỐ TỔ CHỨC ĐẢNG"),
        # "VỀ" alone on the title's next line: the title, not the body's later "về việc …"
        ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 07/CT-UBND\nLâm Đồng, ngày 26 tháng 4 năm 2023\nCHỈ THỊ\nVỀ\n"
         "VIỆC CHẤN CHỈNH LỀ LỐI LÀM VIỆC\nTrong thời gian qua, thực hiện chỉ đạo về việc nâng cao chất lượng; các "
         "sở đã có nhiều chuyển biến.\n", "subject", "VỀ VIỆC CHẤN CHỈNH LỀ LỐI LÀM VIỆC"),
        # a board on its own line below its committee
        ("HUYỆN UỶ BÌNH GIA\n\nBAN TUYÊN GIÁO\n\n*\n\nSố 188- CV /BTGHU\n", "issuer", "Ban Tuyên giáo Huyện ủy Bình Gia"),
        # a sentence that opens with its date names no place
        ("Ngày 18 tháng 7 năm 2025 Uỷ ban nhân dân xã Long Phụng đã ban hành Quyết định số 119/QĐ-UBND về cải cách.\n",
         "place", None),
        # a committee's term is not its place
        ("NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY KHÓA XX\nvề chuyển đổi số tỉnh Quảng Ngãi đến năm 2025\n-----\n", "issuer",
         None),
        # a board of the Central Committee writes under its heading; the enacting clause does not make it the Secretariat
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n--------\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 11-HD/VPTW\nHà Nội, ngày 28 tháng "
         "05 năm 2004\nHƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG\nThi hành Quyết định của Ban Bí thư số 91-QĐ/TW, Văn "
         "phòng Trung ương Đảng hướng dẫn về thể thức văn bản như sau:\n", "issuer", "Văn phòng Trung ương Đảng"),
        # an enacting clause's lead-in without its comma
        ("Ban Chấp hành Đảng bộ thành phố ban hành Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu lần thứ I "
         "Đảng bộ thành phố, nhiệm kỳ 2025-2030 với những nội dung chủ yếu sau:\n", "subject",
         "thực hiện Nghị quyết Đại hội đại biểu lần thứ I Đảng bộ thành phố, nhiệm kỳ 2025-2030"),
        # a headline in capitals is not a committee's name
        ("BAN TUYÊN GIÁO HUYỆN ỦY HƯỚNG DẪN TUYÊN TRUYỀN KỶ NIỆM CÁC NGÀY LỄ LỚN NĂM 2021\nTheo đó, các chi bộ tuyên "
         "truyền sâu rộng.\n", "issuer", None),
        # a trích yếu set in quotes
        ("UBND XÃ LIÊN SƠN\nSố: 08/CV-UBND\n“V/v thực hiện nghiêm việc nắm bắt thông tin”\n", "subject",
         "V/v thực hiện nghiêm việc nắm bắt thông tin"),
        # the Secretariat signs under the Central Committee's heading: the enacting clause says so, even as the
        # last line of a page that stops there
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 09-QC/TW\nHà Nội, ngày 05 tháng 01 năm 2026\nQUY CHẾ\nQuản lý thông tin\n"
         "- Căn cứ Điều lệ Đảng;\n\nBan Bí thư ban hành Quy chế quản lý và cung cấp thông tin trên Cổng thông tin\n",
         "issuer", "Ban Bí thư"),
        # the type line lost: the title in capitals right under the number and date is the subject (the
        # enacting body's line under it is not), without a type word that opens it
        ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 12/2020/QĐ-UBND | Bình Định, ngày 3 tháng 3 "
         "năm 2020 |\nBAN HÀNH QUY CHẾ PHỐI HỢP QUẢN LÝ CỤM CÔNG NGHIỆP\nỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\nền địa "
         "phương ngày 19 tháng 6 năm 2015;\n", "subject", "BAN HÀNH QUY CHẾ PHỐI HỢP QUẢN LÝ CỤM CÔNG NGHIỆP"),
        ("TỈNH ỦY LẠNG SƠN\n*\nSố 05-HD/TU\nLạng Sơn, ngày 2 tháng 3 năm 2021\nHƯỚNG DẪN VỀ CÔNG TÁC VĂN THƯ\n"
         "Thực hiện Quy định số 66-QĐ/TW của Ban Bí thư về thể thức, Ban Thường vụ Tỉnh ủy hướng dẫn như sau:\n",
         "subject", "VỀ CÔNG TÁC VĂN THƯ"),
        # a title line without a number: its type and subject, and the number it cites is not its own
        ("Kế hoạch của Ban Chấp hành Đảng bộ huyện thực hiện Chỉ thị số 21-CT/TW, ngày 20-01-2023 của Ban Bí thư về "
         "công tác phụ nữ.\n", "doc_type", "Kế hoạch"),
        ("Kế hoạch của Ban Chấp hành Đảng bộ huyện thực hiện Chỉ thị số 21-CT/TW, ngày 20-01-2023 của Ban Bí thư về "
         "công tác phụ nữ.\n", "number", None),
        ("Kế hoạch của Ban Chấp hành Đảng bộ huyện thực hiện Chỉ thị số 21-CT/TW, ngày 20-01-2023 của Ban Bí thư về "
         "công tác phụ nữ.\n", "subject", "thực hiện Chỉ thị số 21-CT/TW, ngày 20-01-2023 của Ban Bí thư về công tác "
         "phụ nữ"),
        # "CỦA <body>" on the line under the type title says who issues it; the subject follows
        ("TỈNH ỦY HÀ GIANG\n*\nSố 08-NQ/TU\nHà Giang, ngày 2 tháng 3 năm 2023\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY KHÓA "
         "XVII\nvề phát triển du lịch đến năm 2025,\nđịnh hướng đến năm 2030\n-----\nI. TÌNH HÌNH\n", "subject",
         "về phát triển du lịch đến năm 2025, định hướng đến năm 2030"),
        # a number the title cites, wrapped onto a line of its own after its type: still the title
        ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\nSố: 20/QĐ-UBND\nBình Dương, ngày 3 tháng 3 năm 2024\nQUYẾT ĐỊNH\nBAN HÀNH "
         "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT\nSỐ 29-NQ/TW NGÀY 17 THÁNG 11 NĂM 2022 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG\nỦY BAN "
         "NHÂN DÂN TỈNH BÌNH DƯƠNG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n", "subject", "BAN HÀNH KẾ HOẠCH THỰC "
         "HIỆN NGHỊ QUYẾT SỐ 29-NQ/TW NGÀY 17 THÁNG 11 NĂM 2022 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG"),
        # the header lost, the enacting clause "thống nhất Kết luận như sau:" names the type
        ("Qua rà soát công tác chuẩn bị nhân sự, tại cuộc họp ngày 12/3/2020, Ban Thường vụ Huyện ủy đã thảo luận và "
         "thống nhất Kết luận như sau:\n- Nhân sự được giới thiệu phải đủ tiêu chuẩn.\n", "doc_type", "Kết luận"),
        # the whole header flattened into one line: the subject runs from the type title to the body's cue
        ("ĐẢNG BỘ HUYỆN YÊN SƠN ĐẢNG ỦY XÃ THẮNG QUÂN * Số 12 -KH/ĐU ĐẢNG CỘNG SẢN VIỆT NAM Thắng Quân, ngày 2 tháng 12 "
         "năm 2021 KẾ HOẠCH tổ chức hội nghị học tập, quán triệt nghị quyết năm 2021 -Căn cứ Hướng dẫn số 25-HD/BTGTW "
         "ngày 10/11/2021 của Ban Tuyên giáo Trung ương về học tập nghị quyết; Hướng dẫn số 12-HD/HU ngày 18/11/2021 "
         "của Ban Thường vụ Huyện ủy về tổ chức hội nghị học tập nghị quyết trong toàn Đảng bộ huyện năm 2021\n",
         "subject", "tổ chức hội nghị học tập, quán triệt nghị quyết năm 2021"),
        # a long subject that opens with a cue word, the body's own opening right under it
        ("ĐẢNG BỘ HUYỆN YÊN ĐỊNH ĐẢNG ỦY XÃ ĐỊNH HẢI\n\n*\n\nSố 21 -KH/ĐU\n\nĐịnh Hải, ngày 05 tháng 01 năm 2023\n\n"
         "KẾ HOẠCH\n\nThực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số "
         "05-CT/TW “về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” năm 2023\n\nThực hiện "
         "Hướng dẫn số 10-HD/BTGHU, ngày 12/12/2022 của Ban Tuyên giáo Huyện ủy, Đảng ủy xã xây dựng kế hoạch như sau:\n",
         "subject", "Thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số "
         "05-CT/TW “về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” năm 2023"),
        # two header cells glued ("…XÃ AN BÌNHCHI BỘ …"), the motto after a column gap; the plan's year on a line
        # of its own
        ("ĐẢNG BỘ XÃ AN BÌNHCHI BỘ TRƯỜNG THCS AN BÌNH              ĐẢNG CỘNG SẢN VIỆT NAM\nSố: 02/KH-CB              "
         "An Bình, ngày 03 tháng 01 năm 2020\n\nKẾ HOẠCH\n\nHoạt động của chi bộ trường THCS An Bình\n\n Năm 2020\n\n"
         "Căn cứ điều lệ Đảng cộng sản Việt Nam;\n", "issuer", "Chi bộ Trường THCS An Bình"),
        ("ĐẢNG BỘ XÃ AN BÌNHCHI BỘ TRƯỜNG THCS AN BÌNH              ĐẢNG CỘNG SẢN VIỆT NAM\nSố: 02/KH-CB              "
         "An Bình, ngày 03 tháng 01 năm 2020\n\nKẾ HOẠCH\n\nHoạt động của chi bộ trường THCS An Bình\n\n Năm 2020\n\n"
         "Căn cứ điều lệ Đảng cộng sản Việt Nam;\n", "subject", "Hoạt động của chi bộ trường THCS An Bình Năm 2020"),
        # the type and the subject on the page's first line; "thống nhất đất nước" before the clause that
        # enacts is no enacting clause
        ("THÔNG BÁO VỀ VIỆC TREO CỜ TỔ QUỐC\nThực hiện Kế hoạch số 120/KH-UBND ngày 20 tháng 4 năm 2025 của UBND xã "
         "Thiệu Vân về việc tuyên truyền kỷ niệm 50 năm Ngày Giải phóng Miền Nam, thống nhất đất nước (30/4/1975 - "
         "30/4/2025). Ủy ban nhân dân xã Thiệu Vân thông báo đến các cơ quan, đơn vị thực hiện treo cờ Tổ quốc cụ thể "
         "như sau:\n1/ Tất cả các cơ quan treo cờ.\n", "doc_type", "Thông báo"),
        ("THÔNG BÁO VỀ VIỆC TREO CỜ TỔ QUỐC\nThực hiện Kế hoạch số 120/KH-UBND ngày 20 tháng 4 năm 2025 của UBND xã "
         "Thiệu Vân về việc tuyên truyền.\n", "subject", "VỀ VIỆC TREO CỜ TỔ QUỐC"),
        ("Thực hiện Kế hoạch số 120/KH-UBND ngày 20 tháng 4 năm 2025 của UBND huyện Yên Định về việc tuyên truyền kỷ "
         "niệm 50 năm Ngày Giải phóng Miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025). Ủy ban nhân dân xã Định "
         "Hải thông báo đến các cơ quan, đơn vị thực hiện treo cờ Tổ quốc cụ thể như sau:\n1/ Tất cả các cơ quan.\n",
         "doc_type", "Thông báo"),
        # a school's Party cell named by the school's kind alone: the school of the commune above it
        ("ĐẢNG BỘ XÃ AN HÒA\nCHI BỘ TRƯỜNG TIỂU HỌC\n      Số: 05-KH/CB\n       ĐẢNG CỘNG SẢN VIỆT NAM\n\n         An Hòa, "
         "ngày 02 tháng 4 năm 2022\nKẾ HOẠCH\nTổ chức Đại hội Chi bộ\n", "issuer", "Chi bộ Trường Tiểu học An Hòa"),
        # a national body's symbol that lost its hyphen: the type code, then the body's code
        ("BỘ Y TẾ\n-------\nSố: 5556/QĐBYT\nHà Nội, ngày 04 tháng 12 năm 2021\n", "doc_type", "Quyết định"),
        ("BỘ Y TẾ\n-------\nSố: 5556/QĐBYT\nHà Nội, ngày 04 tháng 12 năm 2021\n", "symbol", "QĐ-BYT"),
        # the Party motto between the two cells of the issuing column, and a number whose hyphen became a space
        (" ĐẢNG BỘ HUYỆN TRIỆU SƠN           ĐẢNG CỘNG SẢN VIỆT NAM       ĐẢNG ỦY XÃ THỌ NGỌC \n\n  Số: 25 KH/ĐU      "
         "                              Thọ Ngọc, ngày  30 tháng 8 năm 2023\n\nKẾ HOẠCH\nTổ chức Lễ kỷ niệm\n", "issuer",
         "Đảng ủy xã Thọ Ngọc"),
        (" ĐẢNG BỘ HUYỆN TRIỆU SƠN           ĐẢNG CỘNG SẢN VIỆT NAM       ĐẢNG ỦY XÃ THỌ NGỌC \n\n  Số: 25 KH/ĐU      "
         "                              Thọ Ngọc, ngày  30 tháng 8 năm 2023\n\nKẾ HOẠCH\nTổ chức Lễ kỷ niệm\n", "symbol",
         "KH/ĐU"),
        # the type in capitals and the subject in sentence case on the page's first line
        ("CÔNG ĐIỆN Về triển khai nhiệm vụ cấp bách trong phòng, chống dịch bệnh trên địa bàn tỉnh\n\nCHỦ TỊCH ỦY BAN "
         "NHÂN DÂN TỈNH GIA LAI điện:\n\n– Thủ trưởng các Sở, ban ngành thuộc tỉnh;\n", "doc_type", "Công điện"),
        ("CÔNG ĐIỆN Về triển khai nhiệm vụ cấp bách trong phòng, chống dịch bệnh trên địa bàn tỉnh\n\nCHỦ TỊCH ỦY BAN "
         "NHÂN DÂN TỈNH GIA LAI điện:\n\n– Thủ trưởng các Sở, ban ngành thuộc tỉnh;\n", "subject",
         "Về triển khai nhiệm vụ cấp bách trong phòng, chống dịch bệnh trên địa bàn tỉnh"),
        # a Party cell's executive enacts, and the colon after "như sau" was lost before the first section
        ("Căn cứ Hướng dẫn số 23-HD/BTCTU ngày 25/11/2019 của Ban tổ chức Tỉnh ủy về đại hội;\n\nChi ủy chi bộ trường "
         "THPT Ngô Quyền xây dựng kế hoạch tổ chức Đại hội chi bộ nhiệm kỳ 2020 – 2025 như sau\n\nI. MỤC ĐÍCH, YÊU "
         "CẦU\n", "doc_type", "Kế hoạch"),
        ("Căn cứ Hướng dẫn số 23-HD/BTCTU ngày 25/11/2019 của Ban tổ chức Tỉnh ủy về đại hội;\n\nChi ủy chi bộ trường "
         "THPT Ngô Quyền xây dựng kế hoạch tổ chức Đại hội chi bộ nhiệm kỳ 2020 – 2025 như sau\n\nI. MỤC ĐÍCH, YÊU "
         "CẦU\n", "subject", "tổ chức Đại hội chi bộ nhiệm kỳ 2020 – 2025"),
        # a clause that tells of another document runs over the one that enacts: the search goes on after its verb
        ("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025\nNgày 18 tháng 7 năm 2025 Uỷ ban nhân dân xã Long Hòa đã ban hành "
         "Quyết định số 119/QĐ-UBND về cải cách hành chính năm 2025 trên địa bàn xã\nUBND xã Long Hòa ban hành Kế hoạch "
         "cải cách hành chính năm 2025 trên địa bàn xã, cụ thể như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n", "doc_type", "Kế hoạch"),
        # a national steering committee on the line below its ministry writes, under its own name
        ("BỘ NỘI VỤ\nBAN CHỈ ĐẠO TỔNG ĐIỀU TRA DÂN SỐ TRUNG ƯƠNG\n-------\nSố: 641/BNV-BCĐ\nV/v hướng dẫn điều tra\n"
         "Hà Nội, ngày 10 tháng 02 năm 2021\n", "issuer", "Ban Chỉ đạo Tổng điều tra dân số Trung ương"),
        # place/date line
        ("Cần Thơ, ngày 28 tháng 5 năm 2021\n", "date", "2021-05-28"),
        ("TP. Bắc Kạn, ngày 29 tháng 4 năm 2021\n", "place", "TP. Bắc Kạn"),
        ("Hà Nội, ngày 31 tháng 2 năm 2021\n", "date", None),  # not a real date: never invented
    ],
)
def test_header_fields(text: str, field: str, expected: str | None) -> None:
    assert getattr(extract_text(text), field) == expected


@pytest.mark.parametrize(
    "sentence, number, symbol, date, issuer, relation",
    [
        ("Thực hiện Công văn số 534-CV/BTGTW ngày 13/5/2021 của Ban Tuyên giáo Trung ương về phòng dịch.",
         "534", "CV/BTGTW", "2021-05-13", "Ban Tuyên giáo Trung ương", "implements"),
        ("Thực hiện Công văn số 534-CV/BTGTW, ngày 13-5-2021 về phòng dịch.",
         "534", "CV/BTGTW", "2021-05-13", "Ban Tuyên giáo Trung ương", "implements"),  # issuer from the symbol
        ("Triển khai Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị về học tập.",
         "05", "CT/TW", "2016-05-15", "Bộ Chính trị", "implements"),
        ("Để thực hiện nghiêm túc chỉ đạo của Thủ tướng Chính phủ tại Công điện số 1699/CD-TTg, ngày 02/12/2020.",
         "1699", "CĐ-TTg", "2020-12-02", "Thủ tướng Chính phủ", "implements"),
        ("Căn cứ Quyết định số 120/2003/QĐ-UB ngày 10/01/2003 của Ủy ban nhân dân tỉnh Quảng Ninh.",
         "120", "QĐ-UB", "2003-01-10", "Ủy ban nhân dân tỉnh Quảng Ninh", "based_on"),
        ("tiêm chủng theo Nghị quyết số 21/NQ-CP ngày 26 tháng 02 năm 2021 của Chính phủ về mua vaccine.",
         "21", "NQ-CP", "2021-02-26", "Chính phủ", "references"),
        ("Thực hiện Công văn số 1879-\n\nCV/TU ngày 30/7/2020 của Tỉnh ủy Lạng Sơn về phòng dịch.",
         "1879", "CV/TU", "2020-07-30", "Tỉnh ủy Lạng Sơn", "implements"),  # number broken across lines
        ("Tiếp theo Công văn số 88-CV/TU ngày 1/6/2021 của Tỉnh ủy Cao Bằng, nay yêu cầu.",
         "88", "CV/TU", "2021-06-01", "Tỉnh ủy Cao Bằng", "follows_up"),
        (unicodedata.normalize("NFD", "Thực hiện Công văn số 12-CV/TU ngày 2/3/2021 của Tỉnh uỷ Khánh Hoà về dịch."),
         "12", "CV/TU", "2021-03-02", "Tỉnh ủy Khánh Hòa", "implements"),  # NFD and old tone marks
        # a plenum speaks for its committee
        ("Căn cứ Nghị quyết số 21-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung\nương Đảng khóa "
         "XII về công tác dân số;", "21", "NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương", "based_on"),
        # a date word glued to the day, and to the symbol before it
        ("Căn cứ Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010 của Ban Bí thư về kỷ niệm.",
         "45", "CT/TW", "2010-07-22", "Ban Bí thư", "based_on"),
        ("Căn cứ Thông báo số 70-TB/TWngày 06/01/2012 của Bộ Chính trị về kỷ niệm.",
         "70", "TB/TW", "2012-01-06", "Bộ Chính trị", "based_on"),
        # a symbol written twice before its date, and the issuer's place before it: the date is still the mention's
        ("Tổ chức quán triệt và thực hiện Nghị quyết số 37-NQ/TW NQ/TW ngày 24/12/2018 của Bộ Chính trị về sắp xếp.",
         "37", "NQ/TW", "2018-12-24", "Bộ Chính trị", "implements"),
        # the day a notice arrived is not its date
        ("Ngày 15/01/2021 UBND xã nhận được Thông báo số 38/TB-UBND của UBND huyện Thống Nhất về nghỉ tết.",
         "38", "TB-UBND", None, "Ủy ban nhân dân huyện Thống Nhất", "references"),
        ("Thực hiện Công văn số 14/KH-BCĐ-NTM huyện Đức Thọ ngày 10 tháng 2 năm 2020.",
         "14", "KH-BCĐ-NTM", "2020-02-10", None, "implements"),
        # a national body whose name holds "về" and commas, named after a code it shares with another (BCĐTW)
        ("Căn cứ Thông báo số 05-TB/BCĐTW, ngày 04/7/2025 của Ban Chỉ đạo Trung ương về phát triển khoa học, công "
         "nghệ, đổi mới sáng tạo và chuyển đổi số về kết luận của đồng chí Tổng Bí thư.",
         "05", "TB/BCĐTW", "2025-07-04",
         "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", "based_on"),
        # a list's head with its colon, no "số": "ban hành các Quyết định: 1628/QĐ-UBND …"
        ("Sở Tài chính đã tham mưu ban hành các Quyết định: 1628/QĐ-UBND ngày 28/6/2025 của UBND tỉnh Hà Tĩnh về đề án.",
         "1628", "QĐ-UBND", "2025-06-28", "Ủy ban nhân dân tỉnh Hà Tĩnh", "references"),
        # an orientation given in a letter is carried out like its requirements ("thực hiện … yêu cầu tại")
        ("Các chi bộ thực hiện định hướng theo Công văn số 25-CV/TU, ngày 28/5/2021 của Tỉnh ủy Cao Bằng.",
         "25", "CV/TU", "2021-05-28", "Tỉnh ủy Cao Bằng", "implements"),
        # a công văn's symbol is issuer first, drafting unit after: 9586/BTC-TCHQ is the Ministry of Finance's
        ("Thực hiện Công văn số 9586/BTC-TCHQ ngày 15/7/2015 về thủ tục hải quan.",
         "9586", "BTC-TCHQ", "2015-07-15", "Bộ Tài chính", "implements"),
        # a typed document's is type first, then the issuer, the lead body first in a joint one
        ("Căn cứ Thông tư liên tịch số 37/2015/TTLT-BLĐTBXH-BNV ngày 02/10/2015 hướng dẫn chức năng.",
         "37", "TTLT-BLĐTBXH-BNV", "2015-10-02", "Bộ Lao động - Thương binh và Xã hội", "based_on"),
    ],
)
def test_citation_table(sentence: str, number: str, symbol: str, date: str | None, issuer: str | None,
                        relation: str) -> None:
    letter = extract_text(sentence)
    assert [c.number for c in letter.citations] == [number]
    c = letter.citations[0]
    assert (c.symbol, c.date, c.issuer, c.relation) == (symbol, date, issuer, relation)
    source = unicodedata.normalize("NFC", sentence[c.start:c.end])
    assert source.replace("\n", " ").split()[-1].strip(".,") in c.evidence


def test_a_bare_party_committee_in_a_communes_letter_is_the_communes() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nXÃ CÁT VÂN\nSố: 14/KH-UBND\nCát Vân, ngày 12 tháng 02 năm 2019\n\n"
                     "Căn cứ Quyết định số 37/QĐ-UBND ngày 09 tháng 01 năm 2019 của UBND huyện Như Xuân;\n"
                     "Căn cứ Nghị quyết số: 41/NQ-ĐU, ngày 25/12/2018 Nghị quyết của Ban chấp\nhành Đảng uỷ về nhiệm vụ;\n")
    cit = {c.number: c for c in L.citations}
    assert cit["41"].issuer == "Đảng ủy xã Cát Vân"  # the type repeated before "của", the committee unplaced
    assert cit["41"].issuer_key is not None and cit["41"].issuer_key.endswith(L.issuer_key.split("@")[1])


def test_a_party_cell_reads_its_superiors_relative_to_its_commune() -> None:
    L = extract_text("ĐẢNG ỦY PHƯỜNG BIÊN GIANG\nChi bộ trường THCS Biên Giang\n*\nSố 08-KH/CB\n"
                     "Biên Giang, ngày 04 tháng 4 năm 2022\n\nThực hiện Công văn số 865-CV/QU ngày 21/01/2022 của "
                     "Ban Thường vụ Quận ủy về đại hội chi bộ.\n")
    assert L.issuer == "Chi bộ Trường THCS Biên Giang"
    assert L.citations[0].issuer == "Quận ủy Hà Đông"  # the ward's district (Biên Giang is in Hà Đông, Hà Nội)


def test_a_list_head_names_the_type_and_issuer_of_its_items() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN\nSố: 28/CTr-UBND\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nTHỰC HIỆN NGHỊ QUYẾT SỐ "
                     "11/NQ-CP VÀ TRIỂN KHAI NGHỊ QUYẾT SỐ\n43/2022/QH15 CỦA QUỐC HỘI\n"
                     "Thực hiện Nghị quyết số 11/NQ-CP ngày 30/01/2022 của Chính phủ về Chương trình phục hồi và phát "
                     "triển kinh tế - xã hội và triển khai Nghị quyết số 43/2022/QH15 của Quốc hội về chính sách tài "
                     "khóa; các Nghị quyết của Hội đồng nhân dân tỉnh: số 340/NQ-HĐND ngày 22/12/2020 về nhiệm vụ 5 "
                     "năm; 148/NQ-HĐND ngày 26/10/2021 về kế hoạch tài chính và Công văn số 892/BKHĐT-TH ngày "
                     "14/02/2022 của Bộ Kế hoạch và Đầu tư, Ủy ban nhân dân tỉnh ban hành Chương trình như sau:\n")
    cit = {c.number: c for c in L.citations}
    assert {n: c.relation for n, c in cit.items()} == dict.fromkeys(("11", "43", "340", "148", "892"), "implements")
    assert cit["340"].issuer == cit["148"].issuer == "Hội đồng nhân dân tỉnh Hưng Yên"  # from "các Nghị quyết của …:"
    assert cit["148"].doc_type == "Nghị quyết"  # an item whose "số" was dropped
    assert L.subject is not None and L.subject.endswith("43/2022/QH15 CỦA QUỐC HỘI")  # a number wrapped in the title


def test_a_cue_before_a_list_head_governs_its_first_item() -> None:
    """"Căn cứ các Quyết định của UBND tỉnh: Số 64/…; Số 34/…": the writer's own decisions, based on (and followed up)."""
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 84/2012/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nCăn cứ Nghị định số "
                     "34/2011/NĐ-CP ngày 17.5.2011 của Chính phủ;\nCăn cứ các Quyết định của UBND tỉnh: Số 64/2009/QĐ-UBND\n"
                     "ngày 05.5.2009 về việc ban hành quy định chế độ trách nhiệm; Số 34/2012/QĐ-UBND ngày 08.6.2012 về "
                     "việc ban hành quy định đánh giá;\n")
    assert [(c.number, c.symbol, c.relation, c.also_relation) for c in L.citations] == [
        ("34", "NĐ-CP", "based_on", None), ("64", "QĐ-UBND", "based_on", "follows_up"),
        ("34", "QĐ-UBND", "based_on", "follows_up")]


@pytest.mark.parametrize(
    "header, expected",
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH\nSố: 89/KH-UBND\n", "Tỉnh ủy Thái Bình"),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 89/KH-UBND\n", "Thành ủy Hà Nội"),  # a centrally-run city
    ],
)
def test_a_province_committees_series_in_its_peoples_committees_letter(header: str, expected: str) -> None:
    L = extract_text(header + "\nCăn cứ Kế hoạch số 61-KH/TU ngày 11/01/2018;\n")
    assert L.citations[0].issuer == expected


def test_a_namesake_of_the_letters_own_number_from_another_year_is_a_citation() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 07/CT-UBND\nLâm Đồng, ngày 26 tháng 4 năm 2023\nCHỈ THỊ\n"
                     "Về chấn chỉnh lề lối làm việc\nThực hiện chỉ đạo của UBND tỉnh tại Chỉ thị số 07/CT-UBND ngày "
                     "31/5/2021 về nâng cao chất lượng tham mưu, các cơ quan đã có chuyển biến.\n")
    assert [(c.number, c.symbol, c.date) for c in L.citations] == [("07", "CT-UBND", "2021-05-31")]


def test_the_issuer_written_between_the_type_and_the_number() -> None:
    L = extract_text("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n--------\nSố: 11-HD/VPTW\nHà Nội, ngày 28 tháng 05 năm 2004\n"
                     "HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG\nThi hành Điều 2 Quyết định của Bộ Chính trị số31-QĐ/TW, ngày "
                     "01-10-1997 ban hành Quy định về thể loại văn bản của Đảng, Văn phòng Trung ương Đảng hướng dẫn.\n")
    c = L.citations[0]
    assert (c.number, c.issuer, c.date) == ("31", "Bộ Chính trị", "1997-10-01")  # not "ĐẢNG Thi hành … Bộ Chính trị"


def test_numbers_that_share_one_symbol_are_each_a_document() -> None:
    L = extract_text("Thực hiện Phương án số 2 và 3/PA-UBND ngày 5 tháng 9 năm 2017 của Ủy ban nhân dân tỉnh Hậu "
                     "Giang về việc ứng phó thiên tai.")
    got = [(c.doc_type, c.number, c.symbol, c.date, c.issuer, c.relation) for c in L.citations]
    assert got == [("Phương án", n, "PA-UBND", "2017-09-05", "Ủy ban nhân dân tỉnh Hậu Giang", "implements")
                   for n in ("2", "3")]


@pytest.mark.parametrize(
    "sentence",
    [
        "từ ngày 27/4 đến nay đã có hơn 1.424 ca nhiễm tại 27 tỉnh",
        "bầu cử đại biểu Quốc hội khoá XV nhiệm kỳ 2021 - 2026",
        "Lễ kỷ niệm 60 năm (30/12/1960-30/12/2020)",
        "số ca mắc luôn vượt ngưỡng 100 ca bệnh/ngày",
    ],
)
def test_no_false_citations(sentence: str) -> None:
    assert extract_text(sentence).citations == []


def test_party_district_letter() -> None:
    L = extract_text(PARTY_DISTRICT)
    assert (L.number, L.symbol, L.date) == ("45", "CV/HU", "2019-03-03")
    assert (L.issuer, L.issuer_level, L.issuer_parent) == ("Huyện ủy Vân Đồn", "district", "Đảng bộ tỉnh Quảng Ninh")
    kh = _cit(L, "12")
    # "của Tỉnh ủy" inside a district committee's letter is its province's committee
    assert (kh.issuer, kh.issuer_as_written, kh.relation) == ("Tỉnh ủy Quảng Ninh", "Tỉnh ủy", "implements")
    ct = _cit(L, "05")
    assert (ct.issuer, ct.date) == ("Bộ Chính trị", "2016-05-15")
    assert L.recipients == ["Các chi, đảng bộ trực thuộc", "Ủy ban nhân dân huyện"]
    assert [(c.name, c.purpose) for c in L.copy_to_detail][:2] == [
        ("Ban Thường vụ Tỉnh ủy (b/c)", "report"), ("Như kính gửi (t/h)", "execute")]
    assert (L.signer.on_behalf_of, L.signer.role, L.signer.name) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Văn Nam")
    a1 = next(a for a in L.assignments if a.item == "1")
    assert a1.lead == ["Ban Tuyên giáo Huyện ủy Vân Đồn"] and a1.also == ["Ủy ban nhân dân huyện Vân Đồn"]
    a2 = next(a for a in L.assignments if a.item == "2")
    assert a2.reports_to == ["Ban Thường vụ Huyện ủy Vân Đồn"]


def test_state_letter_with_can_cu_chain() -> None:
    L = extract_text(STATE_PROVINCE)
    assert (L.number, L.symbol, L.doc_type) == ("2345", "UBND-KGVX", "Công văn")
    assert (L.issuer, L.issuer_level) == ("Ủy ban nhân dân tỉnh Khánh Hòa", "province")
    assert L.subject == "V/v triển khai Công điện số 1699/CĐ-TTg"
    rel = {c.number: c.relation for c in L.citations}
    # two citations in one "Căn cứ" sentence are both bases; the cue after the semicolon governs the third
    assert rel == {"21": "based_on", "120": "based_on", "1699": "implements"}
    assert _cit(L, "120").issuer == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert _cit(L, "120").year == 2003
    assert (L.signer.on_behalf_of, L.signer.role, L.signer.name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Lan")
    assert L.copy_to_detail[1].purpose == "report"
    a1 = L.assignments[0]
    assert a1.lead == ["Sở Y tế tỉnh Khánh Hòa"] and a1.also == ["Công an tỉnh Khánh Hòa"]


def test_central_directive() -> None:
    L = extract_text(CENTRAL_TTG)
    assert (L.doc_type, L.number, L.symbol, L.issuer, L.issuer_level) == (
        "Chỉ thị", "16", "CT-TTg", "Thủ tướng Chính phủ", "central")
    assert L.subject == "Về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19"
    rel = {c.number: (c.relation, c.issuer) for c in L.citations}
    assert rel["15"] == ("follows_up", "Thủ tướng Chính phủ")
    assert rel["45"] == ("implements", "Ban Bí thư")
    # -KL/TW is signed by the Central Committee, the Politburo or the Secretariat: the text does not say which
    assert rel["72"][1] is None
    assert (L.signer.on_behalf_of, L.signer.name) == ("T/L THỦ TƯỚNG", "Trần Văn Sơn")


@pytest.mark.parametrize(
    "block, expected",
    [
        # one recipient on the Kính gửi line, the body's first paragraph at once below it
        ("Kính gửi: Bộ Nội vụ\nXét đề nghị của Bộ Nội vụ tại Tờ trình số 3291/TTr-BNV ngày 22 tháng 9 năm 2010 về "
         "việc tổ chức Hội nghị tổng kết, Thủ tướng Chính phủ có ý kiến chỉ đạo như sau:\n", ["Bộ Nội vụ"]),
        ("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\nBộ Nông nghiệp và Phát triển nông "
         "thôn nhận được phản ánh của nhiều doanh nghiệp chăn nuôi, thủy sản, trồng trọt và lâm nghiệp về việc gặp "
         "khó khăn khi lưu thông.\n", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
        ("Kính gửi: Sở Y tế\nThực hiện Công văn số 12/UBND-VX của UBND tỉnh về việc tăng cường\n", ["Sở Y tế"]),
        # a name the converter wrapped stays whole
        ("Kính gửi: Ủy ban nhân dân các huyện, thị xã,\nthành phố trong tỉnh\n\nThực hiện chỉ đạo.\n",
         ["Ủy ban nhân dân các huyện, thị xã, thành phố trong tỉnh"]),
    ],
)
def test_a_single_recipient_ends_where_the_body_begins(block: str, expected: list[str]) -> None:
    assert extract_text(block).recipients == expected


def test_a_cong_dien_names_its_addressees_after_the_body_that_wires() -> None:
    L = extract_text("THỦ TƯỚNG CHÍNH PHỦ\nSố: 1838/CĐ-TTg\nHà Nội, ngày 27 tháng 12 năm 2020\nCÔNG ĐIỆN\n"
                     "VỀ VIỆC PHÒNG, CHỐNG DỊCH BỆNH COVID-19\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n"
                     "- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;\n"
                     "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
                     "Tình hình dịch bệnh Covid-19 trên thế giới đang diễn ra rất nghiêm trọng.\n")
    assert L.recipients == ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_copy_item_that_wraps_onto_the_next_line_stays_one_item() -> None:
    L = extract_text("VĂN PHÒNG CHÍNH PHỦ\nSố: 668/VPCP-KGVX\n\nNơi nhận:\n- Như trên;\n- VPCP: BTCN, PCN Nguyễn Sỹ Hiệp,\n"
                     "Trợ lý TTg, các Vụ: PL, TH;\n- Lưu: VT, KGVX (3b).\n\nBỘ TRƯỞNG, CHỦ NHIỆM\nMai Tiến Dũng\n")
    assert L.copy_to == ["Như trên", "VPCP: BTCN, PCN Nguyễn Sỹ Hiệp, Trợ lý TTg, các Vụ: PL, TH", "Lưu: VT, KGVX (3b)"]


def test_copy_items_written_on_one_line_are_each_an_item() -> None:
    L = extract_text("ĐẢNG ỦY TRƯỜNG ĐH LẠC HỒNG\nSố: 90 - CV/ĐULH\n\nNơi nhận: - HĐQT, BGH nhà trường (báo cáo); - Các chi bộ "
                     "(thực hiện); - Lưu VP.\n")
    assert L.copy_to == ["HĐQT, BGH nhà trường (báo cáo)", "Các chi bộ (thực hiện)", "Lưu VP"]


def test_missing_values_are_null_with_warnings() -> None:
    L = extract_text("Kính gửi: Các sở, ban, ngành.\n\nĐề nghị các đơn vị thực hiện.\n")
    assert (L.number, L.date, L.issuer) == (None, None, None)
    assert {w.split(":")[0] for w in L.warnings} >= {"number", "date", "issuer", "signer.name"}


def test_warnings_speak_of_the_merged_record_not_of_a_mention_set_aside() -> None:
    """A document named in full under its cue, then bare in a later paragraph: the record has its issuer and its
    relation, so no warning says the issuer is unknown or that no cue governs it."""
    L = extract_text("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
                     "khoa học, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động như sau:\n"
                     "1. Tạo sự thống nhất cao về nhận thức trong triển khai Nghị quyết số 57-NQ/TW.\n")
    (c,) = L.citations
    assert (c.issuer, c.relation) == ("Bộ Chính trị", "implements")
    assert not [w for w in L.warnings if w.startswith("citation 57-NQ/TW")]


def test_issuer_keys_tell_homonym_committees_apart() -> None:
    """A local issuer carries what identifies it (kind and unit code), not only its name: Huyện ủy
    Thanh Trì (Hà Nội) and Huyện ủy Thạnh Trị (Sóc Trăng) slug alike but are two bodies, and the
    same body read from a header and from a citation relative to the writer has one key."""
    from lineage.reference import bodies as B

    hanoi, soctrang = B.committee("Huyện ủy", "Thanh Trì"), B.committee("Huyện ủy", "Thạnh Trị")
    assert (hanoi.province, soctrang.province) == ("Hà Nội", "Sóc Trăng")
    assert hanoi.key and soctrang.key and hanoi.key != soctrang.key
    # two districts called Châu Thành: no key without the province, one each with it
    assert B.committee("Huyện ủy", "Châu Thành").key is None
    assert B.committee("Huyện ủy", "Châu Thành", parent_hint="Bến Tre").key != \
        B.committee("Huyện ủy", "Châu Thành", parent_hint="Tiền Giang").key
    district = extract_text("ĐẢNG BỘ TỈNH QUẢNG NINH\nTHÀNH ỦY CẨM PHẢ\n*\nSố 156-CV/TU\n"
                            "Cẩm Phả, ngày 9 tháng 12 năm 2020\n\nThực hiện Công văn số 132-CV/TU ngày "
                            "9/12/2020 của Tỉnh ủy về phòng, chống dịch.\n")
    province = extract_text("TỈNH ỦY QUẢNG NINH\n*\nSố 132-CV/TU\nQuảng Ninh, ngày 9 tháng 12 năm 2020\n\n"
                            "Kính gửi: Các huyện ủy, thị ủy, thành ủy.\n")
    assert district.issuer_key == "Thành ủy@old:195"
    assert district.citations[0].issuer_key == province.issuer_key == "Tỉnh ủy@old:22"


# --- forms met in real letters (the dev set's kinds of damage, written here with other bodies) --------
def _rel(letter) -> dict[str, tuple[str, str | None]]:
    return {c.number: (c.relation, c.issuer) for c in letter.citations}


def test_legal_database_cells_and_bare_people_committee_header() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
                     "Số: 77/QĐ-UBND | Yên Bái, ngày 05 tháng 04 năm 2021 |\n"
                     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH YÊN BÁI\n"
                     "Căn cứ Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ;\n")
    assert (L.number, L.symbol, L.place, L.date) == ("77", "QĐ-UBND", "Yên Bái", "2021-04-05")
    assert L.issuer == "Ủy ban nhân dân tỉnh Yên Bái" and L.subject is None


def test_title_line_names_the_letter_when_the_header_is_lost() -> None:
    L = extract_text("Công văn số 212-CV/TU ngày 03/02/2019 của Tỉnh ủy Phú Thọ về việc tổ chức Tết trồng cây\n\n"
                     "Thực hiện Chỉ thị số 45-CT/TW của Ban Bí thư, Ban Thường vụ Tỉnh ủy yêu cầu:\n")
    assert (L.number, L.symbol, L.date, L.issuer) == ("212", "CV/TU", "2019-02-03", "Tỉnh ủy Phú Thọ")
    assert L.subject == "về việc tổ chức Tết trồng cây"
    assert [c.number for c in L.citations] == ["45"]  # the title line is the letter itself, not a citation


def test_a_committee_that_launches_a_campaign_speaks_as_the_writer() -> None:
    L = extract_text("Thông báo phát động tổng vệ sinh môi trường\n\nThực hiện công văn số 450/UBND-YT ngày 23 tháng 3 "
                     "năm 2018 của UBND Quận Long Biên về phòng chống dịch.\n\nUBND phường Cự Khối phát động tổng vệ "
                     "sinh môi trường trên địa bàn toàn phường.\n")
    assert (L.issuer, L.issuer_parent) == ("Ủy ban nhân dân phường Cự Khối", "Ủy ban nhân dân quận Long Biên")


def test_an_undated_letter_is_read_on_the_map_of_the_latest_document_it_cites() -> None:
    """Only "Ủy ban nhân dân xã" speaks; the commune is named in an item ("xã Ô Lâm": a capital with its accent,
    a syllable of one letter); it cites a notice of 16 July 2025, so the commune is the 2025 map's."""
    L = extract_text("Về việc treo Quốc kỳ\n\nThực hiện Thông báo số 12/TB-UBND ngày 16 tháng 07 năm 2025 của UBND "
                     "tỉnh An Giang về việc treo Quốc kỳ.\n\n1. Các hộ dân trên địa bàn xã Ô Lâm tổ chức treo Quốc kỳ.\n\n"
                     "Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị thực hiện.\n")
    assert L.date is None and L.issuer == "Ủy ban nhân dân xã Ô Lâm"
    assert L.issuer_key is not None and L.issuer_key.split("@")[1].startswith("2025:")


def test_a_title_of_type_and_issuer_and_a_greeting_read_out_to_the_public() -> None:
    L = extract_text("THÔNG BÁO CỦA UBND XÃ TIỀN TIẾN\n\nV/v tiêm phòng bệnh dại cho đàn chó vụ thu năm 2023\n\n"
                     "Kính thưa toàn thể nhân dân trong xã!\n\nThực hiện kế hoạch của UBND thành phố Hải Dương, UBND xã "
                     "Tiền Tiến thông báo kế hoạch tiêm vác xin phòng bệnh dại như sau:\n")
    assert L.doc_type == "Thông báo"
    assert L.recipients == ["toàn thể nhân dân trong xã"]


def test_an_outline_citing_central_and_provincial_documents() -> None:
    """A district's outline, its writer unnamed: a province's committee that "đã ban hành" a conclusion is news,
    not the writer ("Tỉnh ủy tỉnh Sơn La", the unit word written twice); a plenum named without "của"; one
    resolution written "60-NQ/TW" then "60/NQ-TW"; "của của"; the Government's 2025 steering committee by its
    abbreviations (ĐVHC, CQĐP)."""
    L = extract_text(
        "ĐỀ CƯƠNG TUYÊN TRUYỀN SẮP XẾP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ\n\n"
        "Căn cứ Nghị quyết số 60-NQ/TW ngày 12/4/2025 Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII;\n\n"
        "Căn cứ Công văn số 03/CV-BCĐ ngày 15/4/2025 của Ban Chỉ đạo sắp xếp ĐVHC các cấp và xây dựng mô hình tổ "
        "chức CQĐP hai cấp;\n\n"
        "Căn cứ Nghị quyết số 76/2025/UBTVQH15 ngày 14/4/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp đơn vị "
        "hành chính năm 2025;\n\nCăn cứ Nghị quyết số 74/NQ-CP ngày 07/4/2025 của Chính phủ về việc ban hành Kế hoạch "
        "thực hiện sắp xếp đơn vị hành chính và xây dựng mô hình tổ chức chính quyền địa phương hai cấp;\n\n"
        "Căn cứ Quyết định số 759/QĐ-TTg ngày 14/4/2025 của Thủ tướng Chính phủ về việc phê duyệt Đề án sắp xếp, tổ "
        "chức lại ĐVHC các cấp và xây dựng mô hình chính quyền địa phương hai cấp.\n\n"
        "Ngày 16/4/2025, Ban Thường vụ Tỉnh ủy tỉnh Sơn La đã ban hành Kết luận số 1587-KL/TU ngày 16/4/2025 về chủ "
        "trương sắp xếp.\n\nThực hiện Nghị quyết số 60/NQ-TW ngày 12/4/2025 và Kết luận số 137-KL/TW ngày 28/3/2025 "
        "của của Bộ Chính trị về Đề án sắp xếp.\n")
    assert L.issuer is None
    got = {c.number: (c.issuer, c.relation) for c in L.citations}
    assert got == {
        "60": ("Ban Chấp hành Trung ương", "based_on"),
        "03": ("Ban Chỉ đạo sắp xếp đơn vị hành chính các cấp và xây dựng mô hình tổ chức chính quyền địa phương hai cấp",
               "based_on"),
        "76": ("Ủy ban Thường vụ Quốc hội", "based_on"), "74": ("Chính phủ", "based_on"),
        "759": ("Thủ tướng Chính phủ", "based_on"), "1587": ("Tỉnh ủy Sơn La", "references"),
        "137": ("Bộ Chính trị", "implements"),
    }


@pytest.mark.parametrize("name, expected", [
    ("Ban Chỉ đạo sắp xếp ĐVHC các cấp và xây dựng mô hình tổ chức CQĐP hai cấp", "central"),
    # a province's namesake of a national body is never the national one
    ("Ban Chỉ đạo sắp xếp ĐVHC các cấp và xây dựng mô hình tổ chức CQĐP hai cấp thành phố Hà Nội", None),
    ("Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19 tỉnh Quảng Nam", "province"),
])
def test_a_national_name_followed_by_a_place_is_that_places_body(name: str, expected: str | None) -> None:
    body, _ = resolve_body(name, "", None)
    assert (body.level if body else None) == expected


def test_a_two_column_closing_saved_with_its_spacing_and_an_urgency_stamp() -> None:
    gap = " " * 40
    L = extract_text(
        f"UỶ BAN NHÂN DÂN{gap}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTHÀNH PHỐ HỒ CHÍ MINH{gap}Độc lập – Tự do – Hạnh "
        f"phúc\n\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố : 4144 /GDĐT – VP{gap}Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm "
        f"2018\n\nVề cho học sinh nghỉ học\n\n   KHẨN\n\nKính gửi : Chủ tịch Ủy ban nhân dân các quận, huyện.\n\n"
        f"Sở Giáo dục và Đào tạo đề nghị cho học sinh nghỉ học.\n\nTrân trọng./.\n\n"
        f"Nơi nhận :{gap}GIÁM ĐỐC\n\n– Như trên;\n\n– BGĐ Sở GD&ĐT;{gap}(đã ký)\n\n– Phòng, ban Sở;{gap}Lê Hồng "
        f"Sơn\n\n– Các P.GD&ĐT;\n")
    assert (L.symbol, L.issuer) == ("GDĐT-VP", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")
    assert (L.signer.role, L.signer.name) == ("GIÁM ĐỐC", "Lê Hồng Sơn")
    assert L.copy_to == ["Như trên", "BGĐ Sở GD&ĐT", "Phòng, ban Sở", "Các P.GD&ĐT"]


def test_a_cong_dien_whose_issuing_block_is_lost_names_who_wires() -> None:
    L = extract_text("CỘNG ĐIỆN KHẨN\n\nSố: 04/CĐ-BCH, 8h10’ ngày 10 tháng 02 năm 2017\n\n"
                     "TRƯỞNG BCH PCTT VÀ TKCN HUYỆN MỘC CHÂU, Điện:\n\n- Chủ tịch UBND các xã, thị trấn;\n\n"
                     "- Thành viên Ban chỉ huy PCTT và TKCN huyện.\n\nĐể chủ động đối phó với rét đậm, yêu cầu:\n")
    assert (L.doc_type, L.number, L.date, L.subject) == ("Công điện", "04", "2017-02-10", None)
    assert L.issuer == "Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn huyện Mộc Châu"
    assert L.recipients == ["Chủ tịch UBND các xã, thị trấn", "Thành viên Ban chỉ huy PCTT và TKCN huyện"]


@pytest.mark.parametrize("written", [
    "Tỉnh đoàn Thanh Hóa", "TỈNH ĐOÀN THANH HOÁ", "BCH Tỉnh Đoàn Thanh Hoá", "Ban Thường vụ Tỉnh đoàn Thanh Hóa",
    "Đoàn TNCS Hồ Chí Minh tỉnh Thanh Hóa", "Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Thanh Hóa",
])
def test_a_provinces_youth_union_is_one_body_however_written(written: str) -> None:
    body, _ = resolve_body(written, "", None)
    assert body is not None
    assert (body.name, body.key) == ("Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Thanh Hóa",
                                     "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh@old:38")


@pytest.mark.parametrize("written, expected", [
    ("BẢO HIỂM XÃ HỘI VIỆT NAM", ("Bảo hiểm xã hội Việt Nam", "central")),
    ("BHXH tỉnh Nghệ An", ("Bảo hiểm xã hội tỉnh Nghệ An", "province")),
    ("Kho bạc Nhà nước", ("Kho bạc Nhà nước", "central")),
    ("KBNN tỉnh Nghệ An", ("Kho bạc Nhà nước tỉnh Nghệ An", "province")),  # a national name then a place: local
    ("UBND Quận 1", ("Ủy ban nhân dân Quận 1", "district")),  # a numbered unit's name holds its unit word
    ("Phòng Tư pháp Quận 1", ("Phòng Tư pháp Quận 1", "district")),
])
def test_agencies_of_the_vertical_lines_and_numbered_units(written: str, expected: tuple[str, str]) -> None:
    body, _ = resolve_body(written, "", None)
    assert body is not None and (body.name, body.level) == expected


def test_a_delegation_is_not_a_youth_union() -> None:
    body, _ = resolve_body("Đoàn đại biểu Quốc hội tỉnh Nghệ An", "", None)
    assert body is not None and body.name == "Đoàn đại biểu Quốc hội tỉnh Nghệ An"


def test_a_mass_organisations_header_and_its_executive() -> None:
    """"HỘI NÔNG DÂN VIỆT NAM / BAN CHẤP HÀNH TRUNG ƯƠNG": the Farmers' Union's central committee, not the Party's;
    "TỈNH / ĐOÀN THANH HOÁ / BCH ĐOÀN HUYỆN THỌ XUÂN": the district's Youth Union under its province's."""
    L = extract_text("HỘI NÔNG DÂN VIỆT NAM\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n\n*\n\nSố 664 - CV/HNDTW\n\nV/v: đề cử nông dân "
                     "tiêu biểu\n\nHà Nội, ngày 20  tháng 7  năm 2014\n\nKính gửi: Hội Nông dân các tỉnh, thành phố\n")
    assert L.issuer == "Ban Chấp hành Trung ương Hội Nông dân Việt Nam"
    L = extract_text("TỈNH\nĐOÀN THANH HOÁ\nBCH ĐOÀN HUYỆN THỌ XUÂN\n***\nSố:\n74-CV/ĐTN\n“V/v Triển khai”\n|\nĐOÀN\n"
                     "TNCS HỒ CHÍ MINH\nThọ Xuân,\nngày 17 tháng 7 năm 2018\n|\nKính gửi: Ban Chấp hành Đoàn các xã.\n"
                     "Thực hiện Công văn số 349-CV/TĐTN-TNNT ngày 11/7/2018 của BCH Tỉnh Đoàn Thanh Hoá.\n")
    assert L.issuer == "Ban Chấp hành Đoàn TNCS Hồ Chí Minh huyện Thọ Xuân"
    assert [c.issuer for c in L.citations] == ["Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Thanh Hóa"]


def test_a_rule_under_the_issuer_ends_its_cell() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN ------------- Số: 52/2018/QĐ-UBND | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                     "Độc lập - Tự do - Hạnh phúc ----------------------- Lạng Sơn, ngày 05 tháng 9 năm 2018 |\nQUYẾT ĐỊNH\n"
                     "Ban hành Quy định về dự toán ngân sách\nCăn cứ Tờ trình số 237/TTr-STC ngày 27/7/2018 của Sở Tài chính.\n")
    assert (L.issuer, L.number, L.date) == ("Ủy ban nhân dân tỉnh Lạng Sơn", "52", "2018-09-05")
    assert [c.issuer for c in L.citations] == ["Sở Tài chính tỉnh Lạng Sơn"]


def test_a_preview_flattened_onto_one_line_with_its_page_mark_first() -> None:
    """"1. CỘNG HÒA … ỦY BAN NHÂN DÂN TỈNH AN GIANG Độc lập … Số: 15/2012/CT-UBND CHỈ THỊ VỀ VIỆC … Trong thời gian
    qua, …": the mark is no item, the issuer sits after the motto, the title ends where sentence case begins; a
    time clause ("kể từ khi chấp hành thực hiện chỉ thị số …") only refers to the directive."""
    L = extract_text("  1. CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỦY BAN NHÂN DÂN TỈNH AN GIANG Độc lập - Tự do - Hạnh phúc -------- "
                     "--------------- An Giang, ngày 05 tháng 10 năm 2012 Số: 15/2012/CT-UBND CHỈ THỊ VỀ VIỆC CHẤN CHỈNH "
                     "CÔNG TÁC QUẢN LÝ ĐẦU TƯ XÂY DỰNG TRÊN ĐỊA BÀN TỈNH AN GIANG Trong thời gian qua, nhất là kể từ khi "
                     "chấp hành thực hiện chỉ thị số 1792/CT-TTg ngày 15 tháng 10 năm 2011 của Thủ tướng Chính phủ về tăng "
                     "cường quản lý đầu tư, việc đầu tư đã đạt được kết quả nhất định, tạo điều kiện thuận lợi cho phát "
                     "triển kinh tế của tỉnh trong những năm qua và những năm tới.")
    assert (L.issuer, L.number, L.date) == ("Ủy ban nhân dân tỉnh An Giang", "15", "2012-10-05")
    assert L.subject == "VỀ VIỆC CHẤN CHỈNH CÔNG TÁC QUẢN LÝ ĐẦU TƯ XÂY DỰNG TRÊN ĐỊA BÀN TỈNH AN GIANG"
    assert [(c.number, c.relation) for c in L.citations] == [("1792", "references")]


def test_a_previews_page_mark_a_sector_union_and_one_circular_written_two_ways() -> None:
    L = extract_text("Trang 1UỶ BAN NHÂN DÂN\nTHỊ TRẤN HƯƠNG SƠN\nSố: 67 /TTr - UBND\nHương Sơn, ngày 26 tháng 9 năm 2014\n"
                     "TỜ TRÌNH\nVề việc đề nghị công nhận phổ cập giáo dục\nCăn cứ Thông tư số 36/2009/TT-BGD&ĐT ngày 04 "
                     "tháng 12 năm 2009 của Bộ Giáo dục và Đào tạo về công nhận phổ cập;\nThực hiện đúng Thông tư "
                     "36/2009/TT-BGDĐT, UBND thị trấn đề nghị.\n")
    assert L.issuer == "Ủy ban nhân dân thị trấn Hương Sơn"
    assert [(c.number, c.relation) for c in L.citations] == [("36", "based_on")]
    L = extract_text("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\n\nCÔNG ĐOÀN GIÁO DỤC VIỆT NAM\n\n Số:  175  /CĐN-TGNC\n\n"
                     "Hà Nội, ngày  6   tháng 8 năm 2018\n\nKính gửi: Công đoàn các trường đại học.\n\nThực hiện Công văn "
                     "1517/TLĐ ngày 30/7/2018 của Tổng Liên đoàn Lao động Việt Nam về tuyên truyền.\n")
    assert L.issuer == "Công đoàn Giáo dục Việt Nam"


def test_copy_items_that_wrap_in_lower_case_or_with_their_mark() -> None:
    L = extract_text("Đề nghị các đơn vị thực hiện./.\nNơi nhận:\n- Như Điều 3;\n- Ban chỉ đạo Trung ương về PCTT\n(b/c);\n"
                     "- Ủy ban Quốc gia Ứng phó\nsự cố thiên tai và Tìm kiếm cứu nạn;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn A\n")
    assert L.copy_to == ["Như Điều 3", "Ban chỉ đạo Trung ương về PCTT (b/c)",
                         "Ủy ban Quốc gia Ứng phó sự cố thiên tai và Tìm kiếm cứu nạn", "Lưu: VT"]


def test_items_of_a_list_after_a_comma_without_their_number_word() -> None:
    L = extract_text("Tham mưu UBND tỉnh ban hành các Quyết định: 1628/QĐ-UBND ngày 28/6/2025, 1700/QĐ-UBND ngày 3/7/2025 "
                     "về đề án.")
    assert [(c.number, c.date) for c in L.citations] == [("1628", "2025-06-28"), ("1700", "2025-07-03")]


def test_a_steering_committee_that_defines_its_short_name_enacts() -> None:
    """"…của Ủy ban nhân dân tỉnh Đăk Nông về ban hành Kế hoạch …" describes the cited decision (a head inside its
    symbol, "về" before the verb); "Ban Chỉ đạo … huyện Đăk R’lấp (sau đây gọi tắt là Ban Chỉ đạo) ban hành Kế
    hoạch …" enacts. The places are spelled without their tone marks and with a curly apostrophe."""
    L = extract_text("KẾ HOẠCH\nHoạt động của Ban Chỉ đạo chuyển đổi số năm 2023\nTriển khai thực hiện Quyết định số "
                     "47/QĐ-UBND ngày 12/01/2023 của Ủy ban nhân dân tỉnh Đăk Nông về ban hành Kế hoạch chuyển đổi số năm "
                     "2023, Ban Chỉ đạo chuyển đổi số huyện Đăk R’lấp (sau đây gọi tắt là Ban Chỉ đạo) ban hành Kế hoạch "
                     "hoạt động của Ban Chỉ đạo huyện với các nội dung cụ thể như sau:\n")
    assert L.issuer == "Ban Chỉ đạo chuyển đổi số huyện Đăk R’lấp"
    assert L.issuer_key is not None and L.issuer_key.endswith("@old:666")
    assert [(c.number, c.issuer, c.relation) for c in L.citations] == [
        ("47", "Ủy ban nhân dân tỉnh Đắk Nông", "implements")]


def test_a_motto_with_an_ocr_tilde_and_a_partys_steering_committee() -> None:
    """"CỘNG HÕA XÃ HỘI …" is still the motto, not an issuer line; "ĐẢNG ỦY XÃ … / BCĐ XÂY DỰNG NÔNG THÔN MỚI": the
    committee's steering committee writes; "VPĐP" is a Văn phòng Điều phối."""
    L = extract_text("ỦY BAN NHÂN DÂN | CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nXÃ XUÂN TÍN | Độc lập - Tự do - Hạnh phúc |\n"
                     "Số: 36 /KH - UBND |\nXuân Tín, ngày 07 tháng 5 năm 2025 |\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2025\n"
                     "Căn cứ Nghị định số 30/2017/NĐ-CP ngày 21/3/2017 của Chính phủ;\n")
    assert L.issuer == "Ủy ban nhân dân xã Xuân Tín"
    L = extract_text("ĐẢNG ỦY XÃ THANH BÌNH THỊNH\n\nBCĐ XÂY DỰNG NÔNG THÔN MỚI\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n***\n\n"
                     "Số: 18/CV-NTM\n\n“V/v đôn đốc các thôn”\n\nThanh Bình Thịnh, ngày 21 tháng  9 năm 2020\n\n"
                     "Kính gửi: Ban phát triển xây dựng NTM các thôn.\n\nCăn cứ Công văn số 565/VPĐP-KHNVGS ngày 16/9/2020 "
                     "của VPĐP xây dựng nông thôn mới tỉnh Hà Tĩnh về việc kiểm tra.\n")
    assert L.issuer == "Ban Chỉ đạo Xây dựng nông thôn mới xã Thanh Bình Thịnh"
    assert [c.issuer for c in L.citations] == ["Văn phòng Điều phối xây dựng nông thôn mới tỉnh Hà Tĩnh"]


def test_a_header_flattened_onto_one_line_with_its_v_v_and_addressees() -> None:
    """A preview's one-line page: its mark glued to the issuer ("1. UBND TỈNH …"), the V/v after the date, the
    addressees after an inline "Kính gửi:" up to the first full stop; the motto is never the subject."""
    L = extract_text("  1. UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - "
                     "Hạnh phúc Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010 V/v báo cáo nhanh tình "
                     "hình thiệt hại do lũ lụt Kính gửi: - Ủy ban nhân dân tỉnh Ninh Thuận; - Bộ Giáo dục và Đào tạo. "
                     "Vừa qua, tỉnh Ninh Thuận bị ảnh hưởng của không khí lạnh tăng cường mạnh xuống phía Nam, kết hợp "
                     "nhiều đợt gió Đông trên cao nên đã xuất hiện mưa lớn và gây lũ lụt lớn trên toàn tỉnh.")
    assert L.issuer == "Sở Giáo dục và Đào tạo tỉnh Ninh Thuận"
    assert L.subject == "V/v báo cáo nhanh tình hình thiệt hại do lũ lụt"
    assert L.recipients == ["Ủy ban nhân dân tỉnh Ninh Thuận", "Bộ Giáo dục và Đào tạo"]
    L = extract_text("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH ĐẢNG UỶ SỞ NỘI VỤ Số: 08 - HD/ĐU ĐẢNG CỘNG SẢN VIỆT NAM TP.Huế, ngày 06 "
                     "tháng 4 năm 2012 HƯỚNG DẪN Thực hiện công tác quy hoạch cấp ủy đến năm 2020 Căn cứ Kế hoạch số "
                     "22-KH/ĐUK ngày 19/3/2012 của Đảng ủy Khối các cơ quan tỉnh về quy hoạch cấp ủy.")
    assert L.subject != "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_a_portal_title_of_type_colon_subject() -> None:
    L = extract_text("Thông báo: Treo Quốc kỳ và nghỉ tết Dương lịch năm 2026\n\n          Căn cứ Thông báo số 200/TB-UBND "
                     "ngày 05/12/2025 của Ủy ban nhân dân tỉnh An Giang về việc treo Quốc kỳ;\n\n          Ủy ban nhân dân xã "
                     "Vân Khánh thông báo thời gian nghỉ tết Dương lịch năm 2026 như sau:\n")
    assert (L.doc_type, L.subject) == ("Thông báo", "Treo Quốc kỳ và nghỉ tết Dương lịch năm 2026")
    assert L.issuer == "Ủy ban nhân dân xã Vân Khánh"


def test_enacting_clause_gives_type_subject_and_issuer() -> None:
    L = extract_text("Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương, Ban Thường vụ "
                     "Huyện ủy Lục Ngạn ban hành Kế hoạch tuyên truyền kết quả Hội nghị Trung ương 4, như sau:\n")
    assert (L.doc_type, L.issuer) == ("Kế hoạch", "Huyện ủy Lục Ngạn")
    assert L.subject == "tuyên truyền kết quả Hội nghị Trung ương 4"
    assert _rel(L)["21"] == ("implements", "Ban Chấp hành Trung ương")


def test_scrambled_and_glued_cue_words_still_govern() -> None:
    L = extract_text("TỈNH ỦY NAM ĐỊNH\n*\nSố 40-CV/TU\n\nThựchiện Côngvăn số 12-CV/BTGTW ngày 2/3/2022 của Ban Tuyên "
                     "giáo Trung ương; Căn Hướng dẫn số 9-HD/BTCTW ngày 4/3/2022 của Ban Tổ chức Trung ương.\n"
                     "Để bảo đảm thực hịện các nhíệm vụ nêủ tạí Kết lúận số 35-KL/TW, ngàỷ 5/5/2022 củà Bộ Chính trị.\n")
    rel = _rel(L)
    assert rel["12"] == ("implements", "Ban Tuyên giáo Trung ương")
    assert rel["9"] == ("based_on", "Ban Tổ chức Trung ương")
    assert rel["35"] == ("implements", "Bộ Chính trị")
    assert next(c for c in L.citations if c.number == "35").date == "2022-05-05"


def test_a_cue_governs_its_list_and_not_what_is_nested_in_a_description() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\n-------\nSố: 10/KH-UBND\n\n"
                     "Căn cứ Luật Đầu tư công số 39/2019/QH14 được sửa đổi, bổ sung bởi Luật số 72/2020/QH14; "
                     "Quyết định số 5/QĐ-TTg ngày 4/1/2021 của Thủ tướng Chính phủ về thực hiện Chỉ thị số "
                     "16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ và Nghị quyết số 30/NQ-CP ngày 7/3/2021 "
                     "của Chính phủ.\nXét đề nghị của Sở Tài chính tại Tờ trình số 88/TTr-STC ngày 2/4/2021.\n")
    rel = _rel(L)
    assert rel["39"][0] == rel["72"][0] == rel["5"][0] == rel["30"][0] == "based_on"
    assert rel["16"][0] == "references"  # inside the description of Quyết định 5
    assert rel["72"][1] == "Quốc hội"  # QH14: a term number does not change the body
    assert rel["88"] == ("references", "Sở Tài chính tỉnh Bắc Giang")


@pytest.mark.parametrize(
    "body, expected",
    [
        # one plural type noun and a colon open the list: every "số …" after it is governed
        ("Căn cứ các Nghị định: số 92/2006/NĐ-CP ngày 07/9/2006 của Chính phủ về quy hoạch; số 04/2008/NĐ-CP "
         "ngày 11/01/2008 của Chính phủ về sửa đổi Nghị định số 92/2006/NĐ-CP;",
         {"92": "based_on", "04": "based_on"}),
        # the next item named by its own type and title, the cue not repeated, a year between
        ("Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 năm 2023; Luật Sở hữu trí tuệ số 07/2022/QH15 năm 2022;",
         {"20": "based_on", "07": "based_on"}),
        # "sô" (OCR) before the second number does not hide the "và" that joins it
        ("Thực hiện Thông báo số 444/TB-UBND ngày 22/12/2021 của UBND tỉnh Hưng Yên và Thông báo sô 1481/TB-UBND "
         "ngày 23/12/2021 của UBND huyện Kim Động về tạm dừng tiếp công dân.",
         {"444": "implements", "1481": "implements"}),
        # ", tiếp theo …" opens a clause of its own, not the description of the document before it
        ("Triển khai thực hiện Quyết định số 1096/QĐ-BNV ngày 23/12/2019 của Bộ trưởng Bộ Nội vụ về điều tra, "
         "Quyết định số 1006/QĐ-BNV ngày 26/11/2020 của Bộ trưởng Bộ Nội vụ về việc ban hành Phương án điều tra "
         "năm 2021, tiếp theo Công văn số 209/BNV-VP ngày 15/01/2021, Bộ Nội vụ hướng dẫn như sau:",
         {"1096": "implements", "1006": "implements", "209": "follows_up"}),
        # a list whose first item has no number: the cue still governs the numbered ones after ";"
        ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương "
         "về thi hành Điều lệ Đảng; Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh; Quy định số 10-QĐ/TU, ngày "
         "01/02/2023 của Ban Thường vụ Tỉnh ủy Hà Giang, về khen thưởng.",
         {"294": "based_on", "10": "based_on"}),
        # the same, its items separated by commas
        ("Căn cứ Điều lệ Đảng, Quy định số 29-QĐ/TW ngày 25/7/2016 của Ban Chấp hành Trung ương về thi hành Điều lệ "
         "Đảng, Hướng dẫn số 01-HD/TW ngày 20/9/2016 của Ban Bí thư về một số vấn đề cụ thể, Ban Tổ chức Trung ương "
         "hướng dẫn như sau:", {"29": "based_on", "01": "based_on"}),
        # the "và" between two items lost: the issuer phrase of the first stops at the second's type
        ("Thực hiện Nghị quyết số 96/NQ-CP ngày 01/8/2022 của Chính phủ Chương trình hành động số 23-CTr/TU ngày "
         "17/8/2022 của Ban Chấp hành Đảng bộ tỉnh, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
         {"96": "implements", "23": "implements"}),
        # a text dump that lost every hyphen: the Party number glued to its type code, the State type to its issuer
        ("Căn cứ Nghị định số 75/2017/NĐCP ngày 20 tháng 6 năm 2017 của Chính phủ; Căn cứ Nghị quyết số 20NQ/TW ngày "
         "25/10/2017 của Hội nghị lần thứ VI Ban Chấp hành TW khóa XII về tăng cường công tác bảo vệ sức khỏe nhân "
         "dân;", {"75": "based_on", "20": "based_on"}),
        # a heading over dashed items, the items naming provisions, one ending with a full stop
        ("Căn cứ thực hiện\n\n- Điều 1,2,3 Điều lệ Đảng;\n\n- Mục 1, 3, 4 Quy định số 24-QĐ/TW ngày 30/7/2021 của "
         "Ban Chấp hành Trung ương Đảng (khóa XIII).\n\n- Mục 1, phần I của Hướng dẫn số 12-HD/BTCTW ngày 18/01/2022 "
         "của Ban Tổ chức Trung ương\n\n1. Tiêu chuẩn",
         {"24": "based_on", "12": "based_on"}),
        ("I. CĂN CỨ XÂY DỰNG\n1. Cơ sở pháp lý\n- Nghị quyết số 21-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung "
         "ương Đảng về công tác dân số;\n- Nghị quyết số 137/NQ-CP ngày 31/12/2017 của Chính phủ ban hành chương "
         "trình hành động;\n", {"21": "based_on", "137": "based_on"}),
        # a heading of a few words over dashed items flattened onto one line
        ("I. CĂN CỨ LẬP KẾ HOẠCH - Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ về chuyển đổi số; - "
         "Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ về Chính phủ điện tử;",
         {"749": "based_on", "942": "based_on"}),
        # a capitalised cue ends the description of the mention before it (the line end between them lost)
        ("KẾ HOẠCH Triển khai Nghị quyết số 13-NQ/TU ngày 06/9/2023 của Ban Thường vụ Tỉnh ủy về chuyển đổi số đến "
         "năm 2030 Thực hiện Kế hoạch số 50/KH-UBND ngày 11/3/2024 của UBND huyện Sơn Tịnh về triển khai,",
         {"13": "implements", "50": "implements"}),
        # named in the title, then under "Căn cứ" in the body, then in the enacting clause: the body's first cue says
        ("KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 35/NQ-CP NGÀY 04/6/2019 CỦA CHÍNH PHỦ\nCăn cứ Nghị quyết số "
         "35/NQ-CP ngày 04/6/2019 của Chính phủ về giáo dục;\nỦy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực "
         "hiện Nghị quyết số 35/NQ-CP ngày 04/6/2019 của Chính phủ như sau:", {"35": "based_on"}),
        # a document named twice: the preamble's cue states the relation, the body's later verb does not restate it
        ("Căn cứ Điều lệ Đoàn; căn cứ Chỉ thị số 08-CT/TW ngày 20/8/2021 của Ban Bí thư về đại hội đoàn, "
         "Bộ Nội vụ ban hành Kế hoạch như sau:\n- Quán triệt sâu sắc Chỉ thị số 08-CT/TW ngày 20/8/2021 của Ban Bí thư.",
         {"08": "based_on"}),
        # a dashed list of documents straight under the title, its "Căn cứ" heading lost in conversion: the legal
        # basis; "sửa đổi, bổ sung …" inside an item's description neither opens a clause nor governs the next item
        ("KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ NĂM 2026\n- Luật Giao dịch điện tử ngày 22/6/2023;\n- Nghị quyết số "
         "52-NQ/TW ngày 27/9/2019 của Bộ Chính trị về cách mạng công nghiệp lần thứ tư;\n- Nghị quyết số 50/NQ-CP "
         "ngày 17/4/2020 về việc sửa đổi, bổ sung chương trình hành động của Chính phủ thực hiện Nghị quyết số "
         "52-NQ/TW ngày 27/9/2019 của Bộ Chính trị;\n- Quyết định số 411/QĐ-TTg ngày 31/3/2022 của Thủ tướng Chính "
         "phủ về kinh tế số;\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
         {"52": "based_on", "50": "based_on", "411": "based_on"}),
        # the same items under a heading that is no title: a sentence stands between, nothing is inferred
        ("Năm 2025 tỉnh đã làm tốt. Các văn bản liên quan:\n- Quyết định số 411/QĐ-TTg ngày 31/3/2022 của Thủ tướng "
         "Chính phủ về kinh tế số;", {"411": "references"}),
    ],
)
def test_a_cue_governs_every_form_of_its_list(body: str, expected: dict[str, str]) -> None:
    L = extract_text("BỘ NỘI VỤ\n-------\nSố: 641/BNV-VP\nHà Nội, ngày 3 tháng 3 năm 2021\n\n" + body + "\n")
    assert {n: r for n, (r, _) in _rel(L).items()} == expected


def test_issued_is_news_unless_it_is_the_writers_own() -> None:
    L = extract_text("HUYỆN ỦY TÂN YÊN\n*\nSố 50-CV/HU\nTân Yên, ngày 2 tháng 3 năm 2021\n\n"
                     "Ngày 10/02/2021, Thủ tướng Chính phủ đã ban hành Chỉ thị số 5/CT-TTg về phòng dịch. "
                     "Ngày 20/02/2021, Ban Thường vụ Huyện ủy đã ban hành Công văn số 45-CV/HU về phòng dịch.\n")
    rel = _rel(L)
    assert rel["5"] == ("references", "Thủ tướng Chính phủ")
    assert rel["45"] == ("follows_up", "Huyện ủy Tân Yên")


def test_a_quoted_title_after_the_issuer_does_not_break_the_list() -> None:
    # no "về" before the quoted title, and "của" lost before the issuer: the next item is still in the list
    L = extract_text("ĐẢNG BỘ HUYỆN YÊN THẾ\nĐẢNG ỦY XÃ ĐỒNG TÂM\n*\nSố 12-KH/ĐU\n\n"
                     "Căn cứ Hướng dẫn số 4-HD/HU ngày 2/3/2021 Ban Thường vụ Huyện ủy Yên Thế “tổ chức hội nghị "
                     "sơ kết, đánh giá năm 2021”; công văn số 71-CV/HU ngày 9/3/2021 về việc tổ chức hội nghị.\n")
    rel = _rel(L)
    assert rel["4"][0] == rel["71"][0] == "based_on"
    L = extract_text("Căn cứ Hướng dẫn số 4-HD/HU “tổ chức hội nghị”. Công văn số 71-CV/HU nêu rõ.\n")
    assert _rel(L)["71"][0] == "references"  # a sentence ended: no list to continue


def test_a_number_without_its_symbol_is_still_a_citation() -> None:
    L = extract_text("ĐẢNG BỘ TỈNH BẮC NINH\nHUYỆN ỦY GIA BÌNH\n*\nSố 30-KH/HU\n\n"
                     "Thực hiện Kế hoạch số 88, ngày 12/4/2021 của Tỉnh ủy về đại hội; Công văn số 88 ngày "
                     "2/5/2021 của Ủy ban nhân dân tỉnh về bầu cử.\n"
                     "Chỉ tiêu theo quy định 10 của pháp luật; Kế hoạch số 2 năm 2021 của huyện.\n")
    got = {(c.doc_type, c.number): (c.symbol, c.issuer, c.date, c.relation) for c in L.citations}
    assert got == {  # one number, two types: two documents; no symbol-less mention without "số" and a date or issuer
        ("Kế hoạch", "88"): (None, "Tỉnh ủy Bắc Ninh", "2021-04-12", "implements"),
        ("Công văn", "88"): (None, "Ủy ban nhân dân tỉnh Bắc Ninh", "2021-05-02", "implements"),
    }
    assert not any(w.startswith("citation") and "None" in w for w in L.warnings)


def test_the_issuer_after_a_companion_document_is_the_cited_ones_too() -> None:
    L = extract_text("ĐẢNG BỘ TỈNH NAM ĐỊNH\nHUYỆN ỦY XUÂN TRƯỜNG\n*\nSố 40-CV/HU\n\n"
                     "Thực hiện Hướng dẫn số 210-HD/BTGTU ngày 3/9/2021 và Đề cương tuyên truyền của Ban Tuyên giáo "
                     "Tỉnh ủy; Quyết định số 7/QĐ-UBND ngày 2/3/2021 và các văn bản hướng dẫn của Sở Tài chính.\n")
    got = {c.number: c.issuer for c in L.citations}
    assert got["210"] == "Ban Tuyên giáo Tỉnh ủy Nam Định"
    assert got["7"] != "Sở Tài chính"  # "các văn bản hướng dẫn của …" are another body's documents


def test_the_headers_date_is_not_the_date_of_a_citation_that_follows_it() -> None:
    L = extract_text("ĐẢNG BỘ TỈNH CAO BẰNG\nHUYỆN ỦY HÒA AN\n*\nSố 20-CV/HU\nHòa An, ngày 20 tháng 3 năm 2021\n\n"
                     "Thực hiện Công văn số 182-CV/TU của Ban Thường vụ Tỉnh ủy về phòng dịch. Ngày 29/10/2020, "
                     "Thành ủy Cao Bằng đã có Công văn số 562-CV/TU chỉ đạo.\n")
    got = {c.number: c.date for c in L.citations}
    assert got == {"182": None, "562": "2020-10-29"}  # a date that opens the sentence is the document's


def test_a_mention_repeated_a_hundred_thousand_times_gives_one_warning_line_each() -> None:
    # hostile input (issue 17, item 3): linear time, and the record does not grow with the repeats
    letter = extract_text("CÔNG VĂN\n" + "Số 1- " * 100_000, file="flood.txt")
    assert len(letter.warnings) == len(set(letter.warnings)) <= 12  # not 100,000
    assert "50000 numbered mentions; only the first 2000 are read as citations (is this one letter?)" in letter.warnings
    assert len(letter.citations) == 1  # the repeats are one mention


def test_a_district_named_in_two_provinces_is_the_writers_and_a_provincial_city_is_a_city() -> None:
    # Tam Nông is a district of Phú Thọ and of Đồng Tháp: a Phú Thọ letter means its own. "thành phố Lạng Sơn"
    # is the city, not the province (only a centrally-run city is a province): two identities (issue 15)
    text = ("TỈNH ỦY PHÚ THỌ\n*\nSố 12-CV/TU\nPhú Thọ, ngày 5 tháng 3 năm 2021\nV/v tổng kết công tác tuyên truyền\n\n"
            "Thực hiện Kế hoạch số 45-KH/HU, ngày 02/3/2021 của Huyện ủy Tam Nông về tuyên truyền, Ban Thường vụ "
            "Tỉnh ủy yêu cầu thực hiện Công văn số 88/CV-CALS ngày 01/3/2021 của Công an thành phố Lạng Sơn.\n")
    cits = {c.number: c for c in extract_text(text, file="x.txt").citations}
    assert (cits["45"].issuer, cits["45"].issuer_key) == ("Huyện ủy Tam Nông", "Huyện ủy@old:236")
    assert (cits["88"].issuer_level, cits["88"].issuer_key) == ("district", "Công an thành phố@old:178")
    # six communes are called Quang Minh; one of them is in Bắc Ninh
    bac_ninh = ("TỈNH ỦY BẮC NINH\n*\nSố 12-CV/TU\nBắc Ninh, ngày 5 tháng 3 năm 2021\nV/v tổng kết công tác\n\n"
                "Thực hiện Kế hoạch số 45-KH/ĐU, ngày 02/3/2021 của Đảng ủy xã Quang Minh, Ban Thường vụ Tỉnh ủy yêu cầu.\n")
    assert extract_text(bac_ninh, file="y.txt").citations[0].issuer_key == "Đảng ủy xã@old:09517"


def test_a_people_committee_that_states_its_view_is_the_writer() -> None:
    L = extract_text("Thực hiện Hướng dẫn số 10-HD/HU ngày 15/3/2021 của Huyện ủy về tuyên truyền kỷ niệm ngày thành "
                     "lập tỉnh; Ủy ban nhân dân huyện Kim Sơn có ý kiến như sau:\n\n1. Phòng Văn hóa và Thông tin chủ trì.\n")
    assert L.issuer == "Ủy ban nhân dân huyện Kim Sơn"
    assert L.issuer_inferred
    assert _rel(L)["10"] == ("implements", "Huyện ủy Kim Sơn")


@pytest.mark.parametrize(
    "text, number, date",
    [
        # a portal's lead names the page's letter, whose header it did not reproduce
        ("Ngày 14/9/2021 Ban Tuyên giáo Huyện ủy ban hành Công văn số 12-CV/BTGHU về việc \"Tuyên truyền kỷ niệm các "
         "ngày lễ lớn trong quý IV năm 2021\", nội dung cụ thể như sau:\n\n1. Thực hiện Kế hoạch số 120-KH/HU, ngày "
         "22/01/2021 của Ban Thường vụ Huyện ủy về tuyên truyền.\n", "12", "2021-09-14"),
        ("Ngày 5/3/2020, Đảng ủy phường ban hành Kế hoạch số 48-KH/ĐU về việc tuyên truyền đại hội. Theo đó, công tác "
         "tuyên truyền được thực hiện bằng nhiều hình thức.\n", "48", "2020-03-05"),
        # the letter's own account of its earlier letter, then what it now asks: no lead
        ("Kính gửi: Các huyện ủy, thành ủy trực thuộc\n\nNgày 30/7/2021 Ban Thường vụ Tỉnh ủy đã ban hành Công văn số "
         "1890-CV/TU về việc phòng, chống dịch. Tuy nhiên, hiện nay tình hình dịch diễn biến phức tạp.\n", None, None),
        # news of another body's document that the letter then carries out: a citation, not its own number
        ("Ngày 5/3/2021, Thủ tướng Chính phủ đã ban hành Chỉ thị số 16/CT-TTg về phòng, chống dịch:\nThực hiện Chỉ thị "
         "số 16/CT-TTg, Ủy ban nhân dân huyện yêu cầu các xã thực hiện nghiêm.\n", None, None),
    ],
)
def test_a_portals_lead_names_the_letter_it_reposts(text: str, number: str | None, date: str | None) -> None:
    L = extract_text(text)
    assert (L.number, L.date) == (number, date)
    if number is not None:
        assert number not in _rel(L)  # its own number is no citation


def test_a_district_name_with_a_damaged_tone_mark_is_the_district_it_folds_to() -> None:
    """"HUYỆN CHƠN THẢNH" (PDF damage for Chơn Thành): the one district whose name it folds to, so a Sở it cites is
    that province's; the number left blank, its symbol on a line of its own after a blank line."""
    L = extract_text("ỦY BAN NHÂN DÂN\nHUYỆN CHƠN THẢNH\n\nSố:\n\n/BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                     "Chơn Thảnh, ngày\n\ntháng 11 năm 2023\n\nBÁO CÁO\nTình hình thực hiện\nKính gửi: Sở Kế hoạch và Đầu tư\n"
                     "Thực hiện Công văn số 3338/SKHĐT-TH ngày 19 tháng 11 năm 2023 của Sở Kế hoạch và Đầu tư về việc "
                     "báo cáo.\n")
    assert (L.issuer, L.number, L.symbol) == ("Ủy ban nhân dân huyện Chơn Thành", None, "BC-UBND")
    assert _rel(L)["3338"] == ("implements", "Sở Kế hoạch và Đầu tư tỉnh Bình Phước")


@pytest.mark.parametrize(
    "text, doc_type",
    [
        # a State body's text with no type word: a công văn, the default genre (with a warning)
        ("Thực hiện Công điện số 570/CĐ-TTg ngày 02/5/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các "
         "sở, ngành thực hiện nghiêm.\n", "Công văn"),
        # a letter that addresses someone is a công văn, whoever writes it
        ("Kính gửi: Các chi bộ trực thuộc\n\nThực hiện Hướng dẫn số 10-HD/ĐUK, Đảng ủy yêu cầu các chi bộ thực hiện.\n",
         "Công văn"),
        # a Party body's text with neither: a thông tri or a notice as well; the type stays unknown
        ("Thực hiện Chỉ thị số 36-CT/TW của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng và "
         "đảng viên thực hiện tốt công tác chuẩn bị đại hội.\n", None),
    ],
)
def test_a_type_is_assumed_only_where_the_genre_says(text: str, doc_type: str | None) -> None:
    L = extract_text(text)
    assert L.doc_type == doc_type
    assert any(w.startswith("doc_type: not stated") for w in L.warnings)


def test_a_role_in_brackets_after_the_issuer_is_no_part_of_its_name() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\nSố: 55/2007/QĐ-UBND\nPhan Rang-Tháp Chàm, ngày 3 tháng 3 năm 2007\n"
                     "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\nTheo đề nghị của Sở Kế hoạch và Đầu tư (Thường trực Ban Vì sự "
                     "tiến bộ phụ nữ tỉnh) tại Tờ trình số 126/SKHĐT ngày 23/01/2007,\n")
    assert _rel(L)["126"] == ("references", "Sở Kế hoạch và Đầu tư tỉnh Ninh Thuận")


def test_a_document_named_again_without_its_symbol_is_the_same_citation() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\nQuảng Ngãi, ngày 3 tháng 3 năm 2016\n\nThực hiện Chỉ "
                     "thị số 01/CT-TTg ngày 09/01/2015 của Thủ tướng Chính phủ về tổ chức phong trào bảo vệ biên giới, Ủy "
                     "ban nhân dân tỉnh ban hành Kế hoạch như sau:\n1. Triển khai thực hiện Chỉ thị số 01 của Thủ tướng "
                     "Chính phủ một cách linh hoạt.\n")
    assert [(c.number, c.symbol, c.relation) for c in L.citations] == [("01", "CT-TTg", "implements")]


def test_a_cue_ending_in_cua_names_the_body_then_where_it_said_so() -> None:
    rel = _rel(extract_text("Thực hiện Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ; chỉ đạo của Ban cán sự đảng "
                            "Ủy ban nhân dân tỉnh tại Công văn số 571-CV/UBND ngày 06/12/2022 và Công văn số 591-CV/BCSĐ "
                            "ngày 14/12/2022, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:\n"))
    assert rel["571"][0] == rel["591"][0] == "implements"


def test_a_lower_case_word_before_a_date_is_no_place() -> None:
    assert extract_text("Chỉ thị số 05/CT-UBND ngày 06/03/2019 của UBND tỉnh Lào Cai về phòng chống dịch\nTại Việt Nam, "
                        "tính đến ngày 05/03/2019 bệnh dịch đã xảy ra tại 34 xã.\n").place is None


def test_a_board_that_speaks_is_the_writer_of_a_letter_without_header() -> None:
    """"Ban Tuyên giáo Huyện ủy hướng dẫn …" with the district named once in the text: that district's board writes,
    "của Ban Thường vụ Huyện ủy" is its committee, and "1. Tiếp tục thực hiện … Hướng dẫn số 13-HD/BTGHU" of the
    board itself is carried out (and followed up)."""
    L = extract_text("Thực hiện Kế hoạch số 97-KH/HU, ngày 19/8/2019 của Ban Thường vụ Huyện ủy về đại hội. Đại hội đại "
                     "biểu Đảng bộ huyện Quỳnh Lưu lần thứ XV sẽ diễn ra vào tháng 7 năm 2020. Ban Tuyên giáo Huyện ủy "
                     "hướng dẫn một số nội dung trọng tâm như sau:\n\n1. Tiếp tục thực hiện những nội dung theo Kế hoạch "
                     "112-KH/HU, ngày 22/01/2020 của Ban Thường vụ Huyện ủy, Hướng dẫn số 13-HD/BTGHU, ngày 04/02/2020 "
                     "của Ban Tuyên giáo Huyện ủy về tuyên truyền đại hội.\n")
    assert L.issuer == "Ban Tuyên giáo Huyện ủy Quỳnh Lưu" and L.issuer_inferred
    rel = _rel(L)
    assert rel["97"] == rel["112"] == ("implements", "Huyện ủy Quỳnh Lưu")
    assert rel["13"] == ("implements", "Ban Tuyên giáo Huyện ủy Quỳnh Lưu")
    assert next(c for c in L.citations if c.number == "13").also_relation == "follows_up"


def test_a_province_that_became_a_city_keeps_its_province_name_for_its_tinh_uy() -> None:
    """Huế is a centrally-run city on the map before July 2025 (since January 2025); "Tỉnh ủy" in a letter of its
    district is the committee of the province it was, Thừa Thiên Huế: one unit, keyed alike."""
    L = extract_text("HUYỆN ỦY PHÚ LỘC\n*\nSố 93-CV/HU\nPhú Lộc, ngày 10 tháng 3 năm 2020\n\nThực hiện Chỉ thị 38-CT/TU, ngày "
                     "18/7/2019 của Ban Thường vụ Tỉnh ủy về đại hội đảng bộ các cấp, Ban Thường vụ Huyện ủy yêu cầu:\n")
    assert _rel(L)["38"] == ("implements", "Tỉnh ủy Thừa Thiên Huế")
    assert next(c for c in L.citations if c.number == "38").issuer_key == "Tỉnh ủy@old:46"


def test_a_numbered_district_is_a_place() -> None:
    """"Quận ủy Quận 1": the unit word is part of a numbered district's name, not a word before it."""
    rel = _rel(extract_text("Thực hiện Kế hoạch số 12-KH/QU ngày 02/3/2021 của Quận ủy Quận 1 về tuyên truyền, Đảng ủy "
                            "phường ban hành Kế hoạch như sau:\n"))
    assert rel["12"] == ("implements", "Quận ủy Quận 1")


def test_an_agency_that_speaks_is_the_writer_placed_by_the_one_district_named() -> None:
    """"Phòng Giáo dục và Đào tạo đề nghị …" with "Quận 10" the one district the text names: that district's Phòng
    writes (a numbered district's name keeps its unit word), and "của Sở Giáo dục và Đào tạo" is its city's Sở."""
    L = extract_text("Kính gửi: Hiệu trưởng các đơn vị trường học.\nCăn cứ công văn số 2003/SGDĐT-CTTT ngày 15 tháng 6 "
                     "năm 2022 của Sở Giáo dục và Đào tạo về việc tổ chức tiêm vắc xin;\nNhằm đảm bảo tỷ lệ bao phủ "
                     "vắc xin cho học sinh trên địa bàn Quận 10, Phòng Giáo dục và Đào tạo đề nghị Hiệu trưởng các đơn "
                     "vị trường học khẩn trương thực hiện.\n")
    assert (L.issuer, L.issuer_key) == ("Phòng Giáo dục và Đào tạo Quận 10", "Phòng Giáo dục và Đào tạo quận@old:771")
    assert _rel(L)["2003"] == ("based_on", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")


@pytest.mark.parametrize(
    "first, doc_type, subject",
    [
        ("Thông báo treo cờ Tổ quốc ngày bầu cử đại biểu Quốc hội khóa XV", "Thông báo",
         "treo cờ Tổ quốc ngày bầu cử đại biểu Quốc hội khóa XV"),
        # a portal's stamp glued to the title
        ("Thông Báo treo cờ và nghỉ tết Nguyên đán Tân Sửu năm 2021 Cập nhật05-02-2021 09:29", "Thông báo",
         "treo cờ và nghỉ tết Nguyên đán Tân Sửu năm 2021"),
        # a sentence that opens with a type word is no title
        ("Kế hoạch này nhằm triển khai các nội dung trọng tâm của năm 2021.", None, None),
    ],
)
def test_a_page_title_line_gives_type_and_subject(first: str, doc_type: str | None, subject: str | None) -> None:
    L = extract_text(first + "\n\nThực hiện Thông báo số 31/TB-UBND ngày 20 tháng 5 năm 2021 của Ủy ban nhân dân tỉnh "
                     "Đồng Tháp về việc treo cờ, Ủy ban nhân dân huyện yêu cầu các cơ quan thực hiện.\n")
    assert (L.doc_type if doc_type else None, L.subject) == (doc_type, subject)


@pytest.mark.parametrize(
    "text, issuer",
    [
        # a district Party committee whose header was lost names its communes, never its own district
        ("Thời gian qua, Ban Thường vụ Huyện ủy đã chỉ đạo các đảng ủy Tề Lỗ, Tam Hồng, Yên Đồng thực hiện tốt; "
         "còn các xã Trung Nguyên, Nguyệt Đức chưa báo cáo.\n", "Huyện ủy Yên Lạc"),
        # a district people's committee that speaks, its communes listed after "3 xã là"
        ("UBND huyện yêu cầu 3 xã là Hải Nam, Hải Trung, Hải Minh khẩn trương báo cáo.\n",
         "Ủy ban nhân dân huyện Hải Hậu"),
    ],
)
def test_a_lost_district_is_the_one_whose_communes_the_letter_lists(text: str, issuer: str) -> None:
    L = extract_text(text)
    assert (L.issuer, L.issuer_inferred) == (issuer, True)
    assert "communes it names lie in" in (L.issuer_evidence or "")


def test_two_communes_of_a_common_name_do_not_place_a_district() -> None:
    """Names that repeat across the country ("Tân Lập", "Tân Tiến") and too few of them: no district is guessed."""
    L = extract_text("Ban Thường vụ Huyện ủy yêu cầu các xã Tân Lập, Tân Tiến báo cáo kết quả.\n")
    assert L.issuer is None


def test_a_bloc_committee_whose_name_holds_a_comma_and_its_city_without_unit_word() -> None:
    """"…, Đảng ủy Khối Doanh nghiệp, Ngân hàng Hải Phòng xây dựng Kế hoạch …": the comma is inside the name, and
    a province named without "thành phố" still places the body."""
    L = extract_text("Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp; căn cứ "
                     "tình hình thực tiễn, Đảng ủy Khối Doanh nghiệp, Ngân hàng Hải Phòng xây dựng Kế hoạch tổ chức "
                     "đại hội như sau:\n")
    assert (L.doc_type, L.issuer, L.issuer_level) == ("Kế hoạch", "Đảng ủy Khối Doanh nghiệp, Ngân hàng Hải Phòng",
                                                     "province")


def test_a_body_that_signs_a_cited_document_does_not_enact_this_one() -> None:
    """"Bộ trưởng Bộ Y tế ký Quyết định số 12/QĐ-BYT ban hành Kế hoạch …" tells of the cited decision."""
    L = extract_text("Ngày 08 tháng 10 năm 2019, Bộ trưởng Bộ Y tế ký Quyết định số 12/QĐ-BYT ban hành Kế hoạch phòng "
                     "chống dịch bệnh (có Quyết định kèm theo), Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:\n")
    assert L.issuer != "Bộ Y tế"
    assert _rel(L)["12"][1] == "Bộ Y tế"


def test_a_board_line_with_one_letter_damaged_is_still_the_board() -> None:
    """"VĂN PHỊNG" (a converted PDF's "VĂN PHÒNG") under the committee's line: its office writes."""
    L = extract_text("TỈNH ỦY PHÚ THỌ\nBAN TỔ CHỨC\n*\nSố 15-HD/BTCTU\nPhú Thọ, ngày 3 tháng 4 năm 2021\n\nHƯỚNG DẪN\n"
                     "về công tác cán bộ\n")
    assert L.issuer == "Ban Tổ chức Tỉnh ủy Phú Thọ"
    L = extract_text("TỈNH ỦY PHÚ THỌ\nVĂN PHỊNG\n*\nSố 15-CV/VPTU\nPhú Thọ, ngày 3 tháng 4 năm 2021\n\nV/v gửi tài liệu\n")
    assert L.issuer == "Văn phòng Tỉnh ủy Phú Thọ"


@pytest.mark.parametrize(
    "text, expected",
    [
        # "sửa đổi, bổ sung X" names what the described decision amends: X is only referenced, and the list's
        # next item keeps the list's cue
        ("Căn cứ Nghị định số 10/2019/NĐ-CP ngày 30/01/2019 của Chính phủ về việc sửa đổi, bổ sung Nghị định số "
         "75/2015/NĐ-CP ngày 09/9/2015 của Chính phủ về cơ chế; Nghị định số 11/2020/NĐ-CP ngày 20/01/2020 của "
         "Chính phủ về thủ tục;\n", {"10": "based_on", "75": "references", "11": "based_on"}),
        # a stray quote glued to "Số" between the type and the number
        ("Thực hiện Quyết định 'Số 2457/QĐ-BGDĐT ngày 23/8/2023 của Bộ Giáo dục và Đào tạo về kế hoạch năm học, Sở "
         "hướng dẫn như sau:\n", {"2457": "implements"}),
        # a description after the addressees: "gửi <recipients> về việc … theo Quyết định …" nests the decision
        ("Ngày 09/02/2021, Bộ Y tế đã có Công văn số 949/BYT-KH-TC gửi Ủy ban nhân dân các tỉnh về việc đánh giá "
         "thực hiện Bộ Tiêu chí theo Quyết định 4667/QĐ-BYT của Bộ Y tế, thời hạn gửi trước ngày 23/02/2021.\n",
         {"949": "references", "4667": "references"}),
    ],
)
def test_what_a_description_names_is_only_referenced(text: str, expected: dict[str, str]) -> None:
    rel = {c.number: c.relation for c in extract_text(text).citations}
    assert {n: rel.get(n) for n in expected} == expected


def test_a_ministry_department_named_without_a_place_is_national() -> None:
    """"Cục Thông tin cơ sở (Bộ Thông tin và Truyền thông)", "CỤC … " under its ministry's header line: a national
    department; "Cục Thuế tỉnh …" names its unit and stays local."""
    L = extract_text("Thực hiện Công văn số 30/TTCS-TTPT ngày 13/01/2020 của Cục Thông tin cơ sở (Bộ Thông tin và "
                     "Truyền thông) về việc sử dụng tài liệu; Công văn số 12/CT-TTHT ngày 02/3/2020 của Cục Thuế tỉnh "
                     "Nam Định về hóa đơn, Sở đề nghị các phòng thực hiện.\n")
    got = {c.number: (c.issuer, c.issuer_level) for c in L.citations}
    assert got == {"30": ("Cục Thông tin cơ sở", "central"), "12": ("Cục Thuế tỉnh Nam Định", "province")}
    L = extract_text("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nCỤC QUẢN LÝ CHẤT LƯỢNG\nSố: 30/QLCL-QLT\nHà Nội, ngày 13 tháng 01 năm "
                     "2020\nV/v tổ chức kỳ thi\n")
    assert (L.issuer, L.issuer_level) == ("Cục Quản lý chất lượng", "central")


def test_a_portal_lead_with_co_in_a_paragraph_of_its_own_names_the_page_letter() -> None:
    """"Ngày 16/3/2020, Sở … có Công văn số 544/… về việc …" as the page's first paragraph, the letter's body after
    it: the lead names the letter; a lead the body carries out does not."""
    L = extract_text("Ngày 16/3/2020, Sở Y tế có Công văn số 544/SYT-NV về việc tiếp nhận tài liệu.\n\n   Thực hiện "
                     "Công văn số 30/BYT-DP ngày 13/01/2020 của Bộ Y tế về tài liệu, Sở Y tế đề nghị các đơn vị thực "
                     "hiện.\n")
    assert (L.number, L.symbol, L.date) == ("544", "SYT-NV", "2020-03-16")
    assert [c.number for c in L.citations] == ["30"]
    L = extract_text("Ngày 16/3/2020, Bộ Y tế có Công văn số 544/BYT-NV về việc tiếp nhận tài liệu.\n\nThực hiện "
                     "Công văn số 544/BYT-NV, Sở Y tế đề nghị các đơn vị thực hiện.\n")
    assert L.number is None and [c.number for c in L.citations] == ["544"]


def test_a_verb_that_names_the_type_may_be_written_as_a_title_with_no_subject() -> None:
    """"…, UBND xã Hiệp Hoà Thông báo như sau:": the commune's committee writes a notice."""
    L = extract_text("Căn cứ Thông báo số 20/TB-UBND ngày 17/01/2024 của UBND huyện Hiệp Đức về nghỉ Tết Âm lịch năm "
                     "2024, UBND xã Hiệp Hoà Thông báo như sau:\n1. Cán bộ được nghỉ Tết.\n")
    assert (L.doc_type, L.issuer) == ("Thông báo", "Ủy ban nhân dân xã Hiệp Hòa")


def test_a_posting_stamp_under_the_title_is_no_part_of_the_subject() -> None:
    L = extract_text("Thông báo về việc quy định treo cờ Tổ quốc\n\n19/08/2019 10:57:25 Xem cỡ chữ Google\nNhân dịp kỷ "
                     "niệm Quốc khánh, Ủy ban nhân dân huyện Trạm Tấu thông báo treo cờ như sau:\n")
    assert L.subject == "về việc quy định treo cờ Tổ quốc"


def test_an_annex_title_after_a_lost_signature_is_not_the_role() -> None:
    L = extract_text("BỘ Y TẾ\nSố: 4396/BYT-KH-TC\nHà Nội, ngày 30 tháng 5 năm 2021\nKính gửi: Ủy ban nhân dân các tỉnh.\n"
                     "Đề nghị báo cáo.\n|\nKT. BỘ TRƯỞNG |\nDANH SÁCH CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG\n"
                     "(Gửi kèm Công văn số 4396/BYT-KH-TC)\n")
    assert (L.signer.role, L.signer.name) == ("KT. BỘ TRƯỞNG", None)


def test_a_portal_lead_with_a_generic_word_and_a_doubled_so() -> None:
    """"… đã ban hành văn bản số Số 26-CV/BTGHU về việc …": the type is the symbol's, the subject what follows "về
    việc"; and a lead run on by the body whose speaker is the lead's body names the page's letter too."""
    L = extract_text("Ngày 03.6.2021 Ban Tuyên giáo Huyện ủy đã ban hành văn bản số Số 26-CV/BTGHU về việc định hướng "
                     "tuyên truyền tháng 6/2021.\n\nThực hiện Hướng dẫn số 01-HD/HU, ngày 13/01/2021 của Ban Thường vụ "
                     "Huyện ủy về tuyên truyền, Ban Tuyên giáo Huyện ủy định hướng như sau:\n")
    assert (L.doc_type, L.number, L.date, L.subject) == ("Công văn", "26", "2021-06-03",
                                                        "định hướng tuyên truyền tháng 6/2021")
    L = extract_text("Ngày 29/4/2022, Ban Tuyên giáo Huyện ủy đã ban hành văn bản số 74-CV/BTGHU về việc định hướng "
                     "tuyên truyền tháng 5 năm 2022. Thực hiện Hướng dẫn số 07-HD/HU, ngày 04/01/2022 của Ban Thường vụ "
                     "Huyện ủy về tuyên truyền, Ban Tuyên giáo Huyện ủy định hướng nội dung như sau:\n")
    assert (L.number, L.symbol) == ("74", "CV/BTGHU") and [c.number for c in L.citations] == ["07"]
    # another body speaks after the lead: the lead tells of a document the letter does not name as its own
    L = extract_text("Ngày 29/4/2022, Ban Tuyên giáo Tỉnh ủy đã ban hành văn bản số 74-CV/BTGTU về việc định hướng "
                     "tuyên truyền. Thực hiện chỉ đạo của Tỉnh ủy, Ban Tuyên giáo Huyện ủy định hướng như sau:\n")
    assert L.number is None


def test_a_symbol_cut_short_where_the_page_stops_is_the_document_named_before() -> None:
    L = extract_text("Căn cứ Quyết định số 2629/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ phê duyệt Chương trình;\n"
                     "- Tổ chức thực hiện các nhiệm vụ được giao tại Quyết định số 2629/QĐ-T")
    assert [(c.number, c.symbol) for c in L.citations] == [("2629", "QĐ-TTg")]


def test_an_institutions_party_organisation_heading_its_letter_writes_through_its_committee() -> None:
    """"ĐẢNG ỦY CƠ QUAN / BỘ KẾ HOẠCH VÀ ĐẦU TƯ / ĐẢNG BỘ HỌC VIỆN / CHÍNH SÁCH VÀ PHÁT TRIỂN": the academy's Đảng ủy
    writes; "của Đảng ủy Cơ quan Bộ Kế hoạch và Đầu tư" is the ministry agency's Party committee."""
    L = extract_text("ĐẢNG ỦY CƠ QUAN\n\nBỘ KẾ HOẠCH VÀ ĐẦU TƯ\n\nĐẢNG BỘ HỌC VIỆN\n\nCHÍNH SÁCH VÀ PHÁT TRIỂN\n\n*\n\n"
                     "Số: 58-HD/ĐUHVCSPT\n\nHà Nội, ngày 23 tháng 11 năm 2020\n\nHƯỚNG DẪN\n\nkiểm điểm năm 2020\n\n"
                     "Căn cứ Hướng dẫn số 40-HD/ĐUBKHĐT ngày 19/11/2020 của Đảng ủy Cơ quan Bộ Kế hoạch và Đầu tư;\n")
    assert L.issuer == "Đảng ủy Học viện Chính sách và Phát triển"
    assert _rel(L)["40"] == ("based_on", "Đảng ủy Cơ quan Bộ Kế hoạch và Đầu tư")


def test_a_capitalised_head_in_any_case_enacts() -> None:
    L = extract_text("Căn cứ Nghị định số 64/2014/NĐ-CP ngày 26/6/2014 của Chính phủ quy định chi tiết Luật tiếp công "
                     "dân;\nỦy Ban nhân dân xã Tây Sơn thông báo lịch tiếp công dân năm 2025 như sau:\n")
    assert (L.doc_type, L.issuer) == ("Thông báo", "Ủy ban nhân dân xã Tây Sơn")


@pytest.mark.parametrize(
    "phrase, key",
    [
        ("Đài truyền thanh xã Đức Hợp", "Đài truyền thanh xã@old:12316"),  # a body no table knows, placed by its unit
        ("Ủy ban nhân dân quận 8", "Ủy ban nhân dân quận@old:776"),  # a numbered district written in lower case
        ("Sở NN & PTNT tỉnh Hà Nam", "Sở Nông nghiệp và Phát triển nông thôn tỉnh@old:35"),
        ("các đoàn thể huyện Phú Lộc", None),  # no name before the unit: nothing to key
    ],
)
def test_the_one_resolver_places_names(phrase: str, key: str | None) -> None:
    from lineage.reference.resolver import resolve_body

    body = resolve_body(phrase, "", None)[0]
    assert (body.key if body is not None else None) == key


def test_a_stop_word_is_not_its_namesake_in_another_word() -> None:
    """"… của Bộ Giao thông vận tải ban hành Kế hoạch triển khai Chỉ thị số 31 …": "tải" folds like the stop word
    "tại", but the issuer runs on to "vận tải", and the decision's description nests the directive."""
    L = extract_text("Thực hiện Quyết định số 64/QĐ-BGTVT ngày 22/01/2024 của Bộ Giao thông vận tải ban hành Kế hoạch "
                     "triển khai Chỉ thị số 31/CT-TTg ngày 21/12/2023 của Thủ tướng Chính phủ về an toàn giao thông; Ủy "
                     "ban nhân dân tỉnh ban hành kế hoạch như sau:\n")
    assert _rel(L) == {"64": ("implements", "Bộ Giao thông vận tải"), "31": ("references", "Thủ tướng Chính phủ")}


def test_the_attachment_heading_names_the_letter_when_its_header_is_lost() -> None:
    L = extract_text("Kính gửi: Các tỉnh ủy, thành ủy\nThực hiện nhiệm vụ Bộ Chính trị giao (Kế hoạch số 07-KH/TW, ngày "
                     "17/8/2022), Ban Tổ chức Trung ương đề nghị các tỉnh ủy xây dựng quy chế.\nNơi nhận:\n- Như trên,\n"
                     "HƯỚNG DẪN KHUNG\n(Ban hành kèm theo Công văn số 7619-CV/BTCTW, ngày 30/12/2024 của Ban Tổ\n"
                     "chức Trung ương)\n")
    assert (L.number, L.symbol, L.date, L.issuer) == ("7619", "CV/BTCTW", "2024-12-30", "Ban Tổ chức Trung ương")
    assert _rel(L) == {"07": ("implements", "Bộ Chính trị")}  # "nhiệm vụ <body> giao (<document>)"


def test_a_day_and_month_without_a_year_are_of_the_letters_year() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nHUYỆN KỲ ANH\nSố: 13/CĐ-UBND\nKỳ Anh, ngày 13tháng 9 năm 2018\n\nTriển khai thực "
                     "hiện Công điện số 1174-CĐ/TU ngày 11/9 của Ban Thường vụ Tỉnh ủy và Công văn số 20/UBND-NN ngày "
                     "28/12 của Ủy ban nhân dân tỉnh.\n")
    assert L.date == "2018-09-13"  # (the day glued to "tháng")
    assert {c.number: c.date for c in L.citations} == {"1174": "2018-09-11", "20": "2017-12-28"}


def test_a_cited_number_wrapped_after_so_stays_in_the_title() -> None:
    L = extract_text("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 29/KH-UBND\nBình Định, ngày 22 tháng 02 năm 2024\nKẾ HOẠCH\n"
                     "TRIỂN KHAI CHỈ THỊ SỐ\n31/CT-TTG NGÀY 21/12/2023 CỦA THỦ TƯỚNG CHÍNH PHỦ\nThực hiện Chỉ thị số "
                     "31/CT-TTg, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:\n")
    assert L.subject == "TRIỂN KHAI CHỈ THỊ SỐ 31/CT-TTG NGÀY 21/12/2023 CỦA THỦ TƯỚNG CHÍNH PHỦ"


@pytest.mark.parametrize(
    "header, issuer",
    [
        # a mass organisation under its provincial one, the place in capitals
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH THANH HÓA\nLIÊN ĐOÀN LAO ĐỘNG HUYỆN YÊN ĐỊNH", "Liên đoàn Lao động huyện Yên Định"),
        # the Front's committee: its abbreviation expanded, a proper name kept in capitals
        ("ỦY BAN MTTQ VIỆT NAM\nTỈNH NGHỆ AN", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"),
    ],
)
def test_mass_organisations_head_their_letters(header: str, issuer: str) -> None:
    L = extract_text(f"{header}\nSố: 34/KH-LĐLĐ\nngày 08 tháng 12 năm 2021\nKẾ HOẠCH\nTổ chức Tết\n")
    assert L.issuer == issuer


def test_the_executive_of_a_party_organisation_is_its_dang_uy() -> None:
    """"của Ban Chấp hành Đảng bộ Khối Doanh nghiệp thành phố Cần Thơ" is its Đảng ủy Khối."""
    L = extract_text("Căn cứ Quy chế số 12-QC/ĐUK ngày 02/3/2016 của Ban Chấp hành Đảng bộ Khối Doanh nghiệp thành phố "
                     "Cần Thơ;\n")
    assert _rel(L)["12"] == ("based_on", "Đảng ủy Khối Doanh nghiệp thành phố Cần Thơ")


def test_an_agency_that_enacts_under_a_bare_peoples_committee_header_writes() -> None:
    """"ỦY BAN NHÂN DÂN | …" (its unit lost), symbol KH-BCĐ, "…, Ban Chỉ đạo phòng, chống dịch COVID-19 Thành phố
    xây dựng Kế hoạch …": the city's steering committee writes, not its people's committee."""
    L = extract_text("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 4087/KH-BCĐ | Thành phố Hồ Chí Minh, "
                     "ngày 07 tháng 12 năm 2021 |\nTỔ CHỨC TIÊM CHỦNG VẮC XIN\nCăn cứ Nghị quyết số 128/NQ-CP ngày "
                     "11/10/2021 của Chính phủ;\nNhằm tăng cường miễn dịch, Ban Chỉ đạo phòng, chống dịch COVID-19 Thành "
                     "phố xây dựng Kế hoạch tổ chức tiêm vắc xin, cụ thể như sau:\n")
    assert L.issuer == "Ban Chỉ đạo phòng, chống dịch COVID-19 Thành phố Hồ Chí Minh"
    assert L.issuer_key == "Ban Chỉ đạo phòng, chống dịch COVID-19 thành phố@old:79"


def test_a_speaking_agency_is_named_in_full() -> None:
    L = extract_text("Thực hiện Công văn số 1161/UBND-YT ngày 17/8/2023 của UBND quận Cầu Giấy về phòng chống dịch trên "
                     "địa bàn quận Cầu Giấy; Phòng GDĐT yêu cầu các trường tiếp tục thực hiện.\n")
    assert L.issuer == "Phòng Giáo dục và Đào tạo quận Cầu Giấy"


@pytest.mark.parametrize(
    "title, subject",
    [
        # a period or date range in brackets under a title is part of it
        ("KẾ HOẠCH\nNÂNG CAO HIỆU QUẢ GIÁM SÁT TRONG DOANH NGHIỆP NHÀ NƯỚC\n(Giai đoạn: 2021- 2025)",
         "NÂNG CAO HIỆU QUẢ GIÁM SÁT TRONG DOANH NGHIỆP NHÀ NƯỚC (Giai đoạn: 2021- 2025)"),
        # an alias the title gives itself is not
        ("CHƯƠNG TRÌNH\nQuy hoạch xây dựng đô thị giai đoạn 2011 - 2015\n(Gọi tắt là Chương trình 04)",
         "Quy hoạch xây dựng đô thị giai đoạn 2011 - 2015"),
    ],
)
def test_a_title_keeps_its_bracketed_period(title: str, subject: str) -> None:
    L = extract_text(f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 158/KH-UBND\nHà Nội, ngày 01 tháng 07 năm 2021\n{title}\n"
                     "Thực hiện Quyết định số 695/QĐ-TTg, Ủy ban nhân dân Thành phố ban hành Kế hoạch như sau:\n")
    assert L.subject == subject


def test_a_title_line_with_a_symbol_and_a_subject_names_the_letter() -> None:
    L = extract_text("Văn bản số 1220/UBND-KGVX về việc Chấn chỉnh công tác phòng, chống dịch bệnh COVID-19\n\nThực hiện "
                     "Công điện số 570/CĐ-TTg ngày 02/5/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:\n")
    assert (L.number, L.symbol, L.subject) == ("1220", "UBND-KGVX",
                                               "về việc Chấn chỉnh công tác phòng, chống dịch bệnh COVID-19")


def test_a_portal_lead_says_what_the_letter_does_without_ve() -> None:
    L = extract_text("Căn cứ Kế hoạch số 24/KH-BTGTU ngày 13/8/2021 của Ban Tuyên giáo Tỉnh ủy. Ngày 02/11/2021, Sở Văn "
                     "hóa, Thể thao và Du lịch đã ban hành Kế hoạch số 67/KH-SVHTTDL tổ chức Hội thi xe tuyên truyền lưu "
                     "động chào mừng 190 năm thành lập tỉnh./.")
    assert (L.number, L.date, L.subject) == ("67", "2021-11-02",
                                             "tổ chức Hội thi xe tuyên truyền lưu động chào mừng 190 năm thành lập tỉnh")


def test_a_clause_that_opens_with_its_cue_carries_out_what_it_does_theo_a_document() -> None:
    """"Triển khai thực hiện 5 nhiệm vụ trọng tâm … theo Công văn số 4099 …" implements it; "Sau thời gian thực hiện giãn
    cách xã hội theo Chỉ thị số 16 …" (the cue inside the clause) only refers to it."""
    L = extract_text("Triển khai thực hiện 5 nhiệm vụ trọng tâm của giáo dục trung học theo Công văn số 4099/BGDĐT-GDTrH "
                     "ngày 05/8/2014 của Bộ Giáo dục và Đào tạo.\nSau thời gian thực hiện giãn cách xã hội theo Chỉ thị "
                     "số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ, tình hình đã được kiểm soát.\n")
    assert {n: r for n, (r, _) in _rel(L).items()} == {"4099": "implements", "16": "references"}


def test_a_portal_heading_with_the_number_in_brackets_names_the_letter() -> None:
    L = extract_text("Về việc báo cáo tình hình ô nhiễm môi trường nông thôn (3585/VP-KTN, ngày 23/10/2017).\n\nThực hiện "
                     "Công văn số 11034/VPCP-KGVX ngày 17/10/2017 của Văn phòng Chính phủ, Phó Chủ tịch UBND tỉnh có ý "
                     "kiến như sau:\n")
    assert (L.number, L.symbol, L.date, L.subject) == ("3585", "VP-KTN", "2017-10-23",
                                                       "Về việc báo cáo tình hình ô nhiễm môi trường nông thôn")
    assert [c.number for c in L.citations] == ["11034"]


def test_a_body_in_a_cited_documents_description_does_not_enact() -> None:
    """"Thực hiện Quyết định số 307/QĐ-UBND … của UBND tỉnh Hưng Yên về việc phê duyệt … xây dựng Đề án …": the
    province's decision is carried out; the province does not write this letter, nor is it an Đề án."""
    L = extract_text("Thực hiện Quyết định số 307/QĐ-UBND ngày 17/01/2019 của UBND tỉnh Hưng Yên về việc phê duyệt Đề "
                     "cương nhiệm vụ và dự toán kinh phí xây dựng Đề án bảo tồn vùng trồng nhãn, vải. Sở đề nghị Quý cơ "
                     "quan tham gia góp ý.\n")
    assert L.issuer != "Ủy ban nhân dân tỉnh Hưng Yên" and L.doc_type != "Đề án"
    assert _rel(L)["307"] == ("implements", "Ủy ban nhân dân tỉnh Hưng Yên")
