"""The field contract of shared/domain/vietnamese-documents.md, restated for the sample tests."""

CONTRACT = {
    "id_card": {"id_number", "full_name", "date_of_birth", "sex", "nationality", "place_of_origin",
                "place_of_residence", "date_of_expiry", "personal_features", "date_of_issue", "issued_by", "mrz",
                "place_of_birth_registration", "ethnicity", "religion", "card_model", "side"},
    "birth_certificate": {"full_name", "date_of_birth", "sex", "ethnicity", "nationality", "place_of_birth",
                          "place_of_origin", "personal_id", "mother_name", "mother_birth_year", "father_name",
                          "father_birth_year", "declarant", "registration_authority", "register_no", "book_no",
                          "registration_date", "signer_name"},
    "marriage_certificate": {"husband_name", "husband_date_of_birth", "husband_id_number", "wife_name",
                             "wife_date_of_birth", "wife_id_number", "registration_authority", "register_no",
                             "book_no", "registration_date"},
    "land_use_certificate": {"serial", "registry_no", "parcel_no", "map_sheet_no", "parcel_address", "area_m2",
                             "use_form", "land_use_purpose", "use_term", "origin", "holder_name",
                             "holder_birth_year", "holder_id_number", "holder_address", "issue_date"},
    "business_registration": {"enterprise_code", "enterprise_name", "enterprise_name_foreign",
                              "enterprise_short_name", "head_office_address", "charter_capital",
                              "legal_representative_name", "legal_representative_id_number",
                              "first_registration_date", "amendment_no", "amendment_date"},
    "driving_licence": {"licence_number", "full_name", "date_of_birth", "nationality", "place_of_residence",
                        "licence_class", "date_of_issue", "date_of_expiry"},
    "passport": {"passport_number", "full_name", "nationality", "date_of_birth", "sex", "date_of_expiry",
                 "personal_id", "mrz"},
    "official_document": {"issuing_agency", "document_number", "document_kind", "place", "issue_date", "subject",
                          "signer_name", "signer_title", "recipients"},
}
CARD_MODELS = {"cmnd_9", "cmnd_12", "cccd_barcode", "cccd_chip", "can_cuoc_2024"}
DATE_KEYS = {"date_of_birth", "date_of_issue", "date_of_expiry", "registration_date", "issue_date",
             "husband_date_of_birth", "wife_date_of_birth", "first_registration_date", "amendment_date"}
DIGIT_KEYS = {"id_number", "personal_id", "husband_id_number", "wife_id_number", "holder_id_number",
              "legal_representative_id_number", "enterprise_code", "licence_number", "register_no",
              "parcel_no", "map_sheet_no", "mother_birth_year", "father_birth_year", "holder_birth_year"}
PROVINCE_CODES = {f"{n:03d}" for n in range(1, 97)}


def mrz_check(s: str) -> str:
    """ICAO 9303 check digit, written independently of the generator."""
    val = lambda c: int(c) if c.isdigit() else 0 if c == "<" else ord(c) - 55
    return str(sum(val(c) * w for c, w in zip(s, [7, 3, 1] * 20)) % 10)


def enterprise_ok(code: str) -> bool:
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    return len(code) == 10 and code.isdigit() and \
        (10 - sum(int(d) * w for d, w in zip(code, weights)) % 11) == int(code[9])
