package io.windshift.service.docs;

/** Example request bodies for the intake endpoints' OpenAPI documents: what an HR or finance system really posts. */
public final class CloudEventBody {

    public static final String HR_TERMINATED = """
            {"specversion":"1.0","id":"hr-2026-0001","source":"/workday","type":"hr.worker.terminated","time":"2026-10-20T09:00:00Z",
             "data":{"personId":"p-1042","effectiveDate":"2026-11-01","reasonCode":"RESIGNATION"}}""";

    public static final String HR_BATCH = """
            [{"specversion":"1.0","id":"hr-2026-0002","source":"/workday","type":"hr.worker.transferred",
              "data":{"personId":"p-1043","fromOrgUnitId":"ou-oncology","toOrgUnitId":"ou-immunology","effectiveDate":"2026-11-01"}},
             {"specversion":"1.0","id":"hr-2026-0003","source":"/workday","type":"hr.worker.manager-changed",
              "data":{"personId":"p-1044","oldManagerId":"p-1001","newManagerId":"p-1002","effectiveDate":"2026-11-01"}}]""";

    public static final String FINANCE_PAID = """
            {"specversion":"1.0","id":"fin-2026-0001","source":"/sap","type":"finance.invoice.paid","time":"2026-11-03T14:00:00Z",
             "data":{"invoiceId":"INV-88123","obligationId":"ob-5f2c","amount":2500000.00,"currency":"USD","paidAt":"2026-11-03T13:58:00Z"}}""";

    public static final String FINANCE_BATCH = """
            [{"specversion":"1.0","id":"fin-2026-0002","source":"/sap","type":"finance.invoice.approved",
              "data":{"invoiceId":"INV-88124","obligationId":"ob-5f2c","amount":1000000.00,"currency":"EUR","approvedAt":"2026-11-02T10:00:00Z"}},
             {"specversion":"1.0","id":"fin-2026-0003","source":"/sap","type":"finance.invoice.canceled",
              "data":{"invoiceId":"INV-88125","obligationId":"ob-5f2c","reason":"duplicate invoice","canceledAt":"2026-11-02T11:00:00Z"}}]""";

    private CloudEventBody() {
    }
}
