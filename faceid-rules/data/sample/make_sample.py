#!/usr/bin/env python3
"""Writes the bundled sample month (2026-10): calls.csv, usage.csv, packs.csv, accounts.csv.

Deterministic (fixed seed): run it again and the files come out the same.
  python3 faceid-rules/data/sample/make_sample.py

Accounts:
  1250000001  legacy  (opened 2020-03-15): every legacy section; a gift pack; a purchased
              pack that runs out mid-month; a pack that expires mid-month (bought 2025-10-15).
  1250000002  monthly (opened 2022-03-01): every monthly section; a pack bought in the month.
  1250000003  daily   (opened 2023-05-10): a few calls at the flat prices of 日结, a carrier
              variant of 三要素 among them, some with codes no family lists; a small gift
              pack nearly used and expiring early next month (both reminders).
  1250000009  monthly (opened 2021-09-01): a large bank-card verifier, given as daily usage
              (260,000 calls of 银行卡三要素): its month reaches the negotiated (联系商务) tier
              of 银行卡信息核验, priced with the sample's contract price.
"""
import csv, os, random

random.seed(20261031)
HERE = os.path.dirname(os.path.abspath(__file__))

# (channel as written in the log, source or "", billed codes, not-billed codes, weight)
LEGACY = [
    ("微信小程序", "跟权威库比对", ["0", "2016"], ["2007", "1001"], 10),
    ("微信原生H5", "上传照片", ["0"], ["2010", "3"], 4),
    ("微信普通 H5", "权威库", ["0"], ["2001"], 3),
    ("PC H5", "跟上传照片比对", ["0"], ["1002"], 2),
    ("活体人脸核身 API", "", ["Success"], ["FailedOperation.LifePhotoDetectFake"], 8),
    ("ImageRecognition", "", ["Success", "FailedOperation.IdNameMisMatch"], ["FailedOperation.ImageDecodeFailed"], 4),
    ("LivenessCompare", "", ["Success"], ["FailedOperation.CompareFail"], 3),
    ("身份信息认证", "", ["0", "-1"], ["-2"], 5),
    ("银行卡三要素", "", ["0", "-5"], ["-3"], 3),
    ("手机号三要素核验", "", ["0"], ["-6"], 2),
    ("手机号在网时长核验", "", ["0", "-2"], ["-4"], 1),
    ("银行卡基础信息查询", "", ["0"], ["-2"], 1),
    ("E证通", "跟权威库比对", ["0"], ["2009"], 2),
]
MONTHLY = [
    ("微信小程序", "权威库", ["0", "1002"], ["2007"], 6),
    ("增强版 App SDK", "上传照片", ["0", "2006"], ["2017"], 6),
    ("微信浮层 H5", "权威库", ["0"], ["1001"], 3),
    ("照片人脸核身 API", "", ["Success"], ["FailedOperation.IdPhotoPoorQuality"], 3),
    ("身份证识别及信息核验", "", ["0"], ["-4"], 3),
    ("BankCard4EVerification", "", ["0", "-6"], ["-18"], 3),
    ("手机号二要素核验", "", ["0", "1"], ["-2"], 2),
    ("手机号状态查询", "", ["0"], ["-1"], 1),
    ("银行卡基础信息查询", "", ["0"], ["-3"], 1),
    ("E证通", "", ["0"], ["1004"], 2),
]
DAILY = [
    ("微信小程序", "权威库", ["0", "1002"], ["2007"], 6),
    ("增强版 App SDK", "上传照片", ["0", "2006"], ["2017"], 6),
    ("移动浮层 H5", "上传照片", ["0"], ["1001"], 3),
    ("身份证识别及信息核验", "", ["0"], ["-4"], 3),
    ("手机号二要素核验", "", ["0", "1"], ["-2"], 2),
    ("PhoneVerificationCMCC", "", ["0", "-4"], ["-6"], 2),
    ("银行卡基础信息查询", "", ["0"], ["-3"], 1),
]

def stamp(day, second):
    h, rest = divmod(second, 3600)
    return f"2026-10-{day:02d}T{h:02d}:{rest // 60:02d}:{rest % 60:02d}+08:00"

def calls_for(account, channels, n, unknown=0):
    rows = []
    weights = [c[4] for c in channels]
    for i in range(n):
        channel, source, billed, not_billed, _ = random.choices(channels, weights)[0]
        if i < unknown:
            code = random.choice(["9999", "FailedOperation.SomethingNew"]) if channel[0].isascii() else "9999"
        elif random.random() < 0.85:
            code = random.choice(billed)
        else:
            code = random.choice(not_billed)
        day = random.randint(1, 31)
        rows.append((day, random.randrange(86400), account, channel, source, code))
    return rows

rows = (
    calls_for("1250000001", LEGACY, 1500)
    + calls_for("1250000002", MONTHLY, 700)
    + calls_for("1250000003", DAILY, 60, unknown=5)
)
# The legacy account's basic-authority pack (1,000 calls, bought 10-05) runs out mid-month:
# a burst of 活体人脸核身 API calls from 10-06 on.
rows += [(random.randint(6, 20), random.randrange(86400), "1250000001", "活体人脸核身 API", "", "Success") for _ in range(900)]
rows.sort()
with open(os.path.join(HERE, "calls.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["time", "account", "channel", "source", "code", "request_id"])
    for i, (day, sec, account, channel, source, code) in enumerate(rows):
        w.writerow([stamp(day, sec), account, channel, source, code, f"req-{i:06d}"])

with open(os.path.join(HERE, "usage.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["account", "day", "channel", "source", "code", "calls"])
    for day in range(1, 32):
        w.writerow(["1250000009", f"2026-10-{day:02d}", "银行卡三要素", "", "0", 8200 + day * 10])
        w.writerow(["1250000009", f"2026-10-{day:02d}", "银行卡三要素", "", "-3", 150])

with open(os.path.join(HERE, "packs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "account", "label", "size", "purchased", "kind", "price"])
    w.writerow(["gift-01", "1250000001", "增强版人脸核身（权威库）-微信", 1000, "2026-09-20", "gift", ""])
    w.writerow(["pk-basic-01", "1250000001", "基础版人脸核身(权威库)", 1000, "2026-10-05 14:30:00", "purchased", ""])
    w.writerow(["pk-id-2025", "1250000001", "身份证信息核验", 10000, "2025-10-15", "purchased", "2800"])
    w.writerow(["pk-app-01", "1250000002", "增强版人脸核身（自传照片）-App", 1000, "2026-10-08", "purchased", ""])
    w.writerow(["gift-02", "1250000002", "增强版人脸核身（权威库）-微信", 100, "2026-10-01", "gift", ""])
    # A small gift that ends the month nearly used and days from expiry: both reminders.
    w.writerow(["gift-03", "1250000003", "增强版人脸核身（自传照片）-App", 17, "2025-11-03", "gift", ""])

with open(os.path.join(HERE, "accounts.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["account", "opened"])
    w.writerow(["1250000001", "2020-03-15"])
    w.writerow(["1250000002", "2022-03-01"])
    w.writerow(["1250000003", "2023-05-10"])
    w.writerow(["1250000009", "2021-09-01"])
