"""Layouts other than the dev scans': the extractors read labels, not positions."""
from sohoa.extractors import registry
from sohoa.extractors.common.synth import document_from_lines


def test_marriage_single_column_with_spouse_labels():
    lines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 45", "Quyển số: 01/2020",
             "GIẤY CHỨNG NHẬN KẾT HÔN", "Họ, chữ đệm, tên chồng: LÊ VĂN AN", "Ngày, tháng, năm sinh: 01/02/1990",
             "Giấy tờ tùy thân: CCCD số 001090123456", "Họ, chữ đệm, tên vợ: TRẦN THỊ BÌNH",
             "Ngày, tháng, năm sinh: 03/04/1992", "Giấy tờ tùy thân: CCCD số 001192123456",
             "Nơi đăng ký: Ủy ban nhân dân phường Láng Hạ, quận Đống Đa, thành phố Hà Nội",
             "Ngày, tháng, năm đăng ký: 05/06/2020"]
    ex = registry.extract_document(document_from_lines(lines))
    assert ex.doc_type == "marriage_certificate"
    got = {k: f.normalized or f.value for k, f in ex.fields.items()}
    assert got["husband_name"] == "LÊ VĂN AN" and got["wife_name"] == "TRẦN THỊ BÌNH"
    assert got["wife_date_of_birth"] == "1992-04-03" and got["husband_id_number"] == "001090123456"
    assert got["register_no"] == "45" and got["book_no"] == "01/2020"


def test_decision_layout():
    lines = [("ỦY BAN NHÂN DÂN", 0.1), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.5), ("TỈNH THANH HÓA", 0.12),
             ("Độc lập - Tự do - Hạnh phúc", 0.55), ("Số: 09/2025/QĐ-UBND Thanh Hóa, ngày 07 tháng 8 năm 2025", 0.12),
             ("QUYẾT ĐỊNH", 0.44), ("Về việc ban hành quy chế làm việc", 0.33),
             ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THANH HÓA", 0.28), ("Căn cứ Luật Tổ chức chính quyền địa phương;", 0.15),
             ("Điều 1. Ban hành kèm theo Quyết định này quy chế.", 0.15), ("Nơi nhận:", 0.1), ("KT. CHỦ TỊCH", 0.62),
             ("- Như Điều 3;", 0.1), ("PHÓ CHỦ TỊCH", 0.62), ("- Lưu: VT.", 0.1), ("Lê Văn Bình", 0.62)]
    ex = registry.extract_document(document_from_lines(lines))
    assert ex.doc_type == "official_document"
    f = ex.fields
    assert f["document_number"].value == "09/2025/QĐ-UBND"
    assert f["issuing_agency"].value == "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"
    assert (f["place"].value, f["issue_date"].normalized) == ("Thanh Hóa", "2025-08-07")
    assert f["document_kind"].normalized == "Quyết định"
    assert f["subject"].value == "Về việc ban hành quy chế làm việc"
    assert f["recipients"].normalized == ["Như Điều 3", "Lưu: VT"]
    assert f["signer_title"].value == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert f["signer_name"].value == "Lê Văn Bình"


def test_cong_van_subject_and_parent_agency():
    lines = ["UBND TỈNH GIA LAI", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 123/SNV-VP", "Gia Lai, ngày 3 tháng 4 năm 2024", "V/v tăng cường kỷ luật,", "kỷ cương hành chính",
             "Kính gửi: Các sở, ban, ngành.", "Nội dung.", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
             "GIÁM ĐỐC", "Phạm Thị Cúc"]
    ex = registry.extract_document(document_from_lines(lines))
    f = ex.fields
    assert ex.doc_type == "official_document"
    assert f["issuing_agency"].value == "SỞ NỘI VỤ"
    assert f["document_kind"].normalized == "Công văn"
    assert f["subject"].value == "tăng cường kỷ luật, kỷ cương hành chính"
    assert f["signer_title"].value == "GIÁM ĐỐC" and f["signer_name"].value == "Phạm Thị Cúc"


def test_validation_lowers_confidence():
    lines = ["GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", "Mã số doanh nghiệp: 5971010293",
             "Vốn điều lệ: 800.000.000 đồng"]
    ex = registry.extract_document(document_from_lines(lines))
    code = ex.fields["enterprise_code"]
    assert code.errors == ["enterprise_code_check_digit"] and code.confidence <= 0.5
    assert "enterprise_code_check_digit" in ex.errors
    assert ex.fields["charter_capital"].normalized == 800_000_000
