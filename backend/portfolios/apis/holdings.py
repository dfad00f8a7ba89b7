"""Holdings, transactions and CSV import endpoints (under /api/v1/users/portfolio/)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.pagination import PageQuerySerializer, page_get, page_prepared, page_query, page_serializer
from core.serializers import error_responses
from portfolios.apis.fields import (
    MAX_DIGITS,
    SplitRatioField,
    SplitRatioOutputField,
    SymbolField,
    TradeDateField,
    money,
    non_negative_decimal,
    positive_decimal,
    quantity_field,
)
from portfolios.models import Holding, Transaction, TransactionImport, TransactionKind
from portfolios.selectors.holdings import (
    holding_get,
    holdings_ordered,
    holdings_positioned,
    transaction_get,
    transaction_import_get,
    transaction_import_list,
    transaction_list,
)
from portfolios.services.holdings import (
    MAX_IMPORT_BYTES,
    HoldingCreation,
    ImportResult,
    holding_create,
    holding_delete,
    holding_update,
    transaction_create,
    transaction_delete,
    transaction_update,
    transactions_import,
    transactions_import_undo,
)
from users.models import User


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


class HoldingOutputSerializer(serializers.ModelSerializer[Holding]):
    symbol = serializers.CharField(source="stock_id")
    name = serializers.CharField(source="stock.name")
    quantity = money(places=12)
    average_price = money(places=12)

    class Meta:
        model = Holding
        fields: tuple[str, ...] = (
            "id",
            "symbol",
            "name",
            "quantity",
            "average_price",
            "notes",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class TransactionOutputSerializer(serializers.ModelSerializer[Transaction]):
    symbol = serializers.CharField(source="holding.stock_id")
    holding_id = serializers.IntegerField()
    type = serializers.CharField(source="kind")
    quantity = money(places=12, help_text="Shares; for a split, its ratio as a decimal (see ratio).")
    ratio = SplitRatioOutputField(help_text='Splits only: new:old shares such as "2:1" or "1:3"; null otherwise.')
    price = money()
    fee = money()
    import_id = serializers.IntegerField(source="import_batch_id", allow_null=True)

    class Meta:
        model = Transaction
        fields = (
            "id",
            "holding_id",
            "symbol",
            "type",
            "date",
            "quantity",
            "ratio",
            "price",
            "fee",
            "import_id",
            "created_at",
        )
        read_only_fields = fields


TransactionPageSerializer = page_serializer("TransactionPageSerializer", TransactionOutputSerializer)
HoldingPageSerializer = page_serializer("HoldingPageSerializer", HoldingOutputSerializer, order="by symbol")


class HoldingCollectionSerializer(serializers.Serializer[HoldingCreation]):
    """Whether adding the holding started collecting its stock's data, and where to follow it."""

    started = serializers.BooleanField(source="collection_started")
    stock_created = serializers.BooleanField()
    status_url = serializers.SerializerMethodField()

    def get_status_url(self, creation: HoldingCreation) -> str:
        return f"/api/v1/users/portfolio/symbol/{creation.holding.stock_id}/status/"


class HoldingCreatedSerializer(HoldingOutputSerializer):
    """A new holding: its fields plus its collection state."""

    # The collection state is not on the model: the view passes the service's HoldingCreation as `creation`.
    collection = serializers.SerializerMethodField()

    class Meta(HoldingOutputSerializer.Meta):
        fields = (*HoldingOutputSerializer.Meta.fields, "collection")
        read_only_fields = fields

    @extend_schema_field(HoldingCollectionSerializer)
    def get_collection(self, holding: Holding) -> dict[str, Any]:
        return dict(HoldingCollectionSerializer(self.context["creation"]).data)


class TransactionImportInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="The CSV file, header row date,symbol,type,quantity,price,fee.")


class TransactionImportResultSerializer(serializers.Serializer[ImportResult]):
    import_id = serializers.IntegerField(source="batch.pk")
    rows = serializers.IntegerField(source="batch.row_count")
    holdings_created = serializers.ListField(child=serializers.CharField())


class TransactionImportOutputSerializer(serializers.ModelSerializer[TransactionImport]):
    rows = serializers.IntegerField(source="row_count", help_text="Rows the file had when it was imported.")
    transactions = serializers.IntegerField(
        source="transaction_count", help_text="Of its transactions, how many are still stored (edits keep them)."
    )

    class Meta:
        model = TransactionImport
        fields = ("id", "filename", "sha256", "rows", "transactions", "created_at")
        read_only_fields = fields


class TransactionImportUndoneSerializer(serializers.Serializer[Any]):
    holdings_removed = serializers.ListField(
        child=serializers.CharField(), help_text="Symbols whose holding had no transaction left and was removed."
    )


class HoldingListCreateApi(APIView):
    class HoldingListCreateInputSerializer(serializers.Serializer[Any]):
        symbol = SymbolField()
        quantity = positive_decimal()
        average_price = positive_decimal()
        date = TradeDateField(required=False, help_text="Date of the opening buy; today by default.")
        fee = non_negative_decimal(required=False)
        notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    @extend_schema(
        operation_id="api_v1_users_portfolio_list",
        summary="The user's holdings by symbol, a page at a time",
        parameters=[PageQuerySerializer],
        responses={200: HoldingPageSerializer, **error_responses(400)},
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        holdings = holdings_ordered(user=_user(request))
        page = page_prepared(holdings, request=request, prepare=holdings_positioned, **page_query(request))
        return Response(HoldingPageSerializer(page).data)

    @extend_schema(
        summary="Add a holding (records an opening buy); unknown symbols are validated and collected in the background",
        request=HoldingListCreateInputSerializer,
        responses={201: HoldingCreatedSerializer, **error_responses(409, _409="The symbol is already held.")},
        tags=["portfolio"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.HoldingListCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = holding_create(user=_user(request), **serializer.validated_data)
        body = HoldingCreatedSerializer(created.holding, context={"creation": created}).data
        return Response(body, status=status.HTTP_201_CREATED)


class HoldingDetailApi(APIView):
    class HoldingDetailInputSerializer(serializers.Serializer[Any]):
        notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)
        quantity = positive_decimal(required=False, help_text="Only while the ledger is just the opening buy.")
        average_price = positive_decimal(required=False, help_text="Only while the ledger is just the opening buy.")

    @extend_schema(summary="One holding", responses=HoldingOutputSerializer, tags=["portfolio"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(HoldingOutputSerializer(holding_get(user=_user(request), holding_id=pk)).data)

    @extend_schema(
        summary="Change a holding",
        request=HoldingDetailInputSerializer,
        responses=HoldingOutputSerializer,
        tags=["portfolio"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        holding = holding_get(user=_user(request), holding_id=pk)
        serializer = self.HoldingDetailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        holding = holding_update(holding=holding, **serializer.validated_data)
        return Response(HoldingOutputSerializer(holding_get(user=_user(request), holding_id=holding.pk)).data)

    @extend_schema(summary="Delete a holding and its transactions", responses={204: None}, tags=["portfolio"])
    def delete(self, request: Request, pk: int) -> Response:
        holding_delete(holding=holding_get(user=_user(request), holding_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TransactionListCreateApi(APIView):
    class TransactionListCreateInputSerializer(serializers.Serializer[Any]):
        symbol = SymbolField()
        type = serializers.ChoiceField(choices=TransactionKind.choices)
        date = TradeDateField()
        quantity = quantity_field(required=False, help_text="Shares; not needed for a split (give its ratio).")
        ratio = SplitRatioField(required=False)
        price = serializers.DecimalField(
            max_digits=MAX_DIGITS,
            decimal_places=6,
            min_value=0,
            error_messages={"min_value": "must not be negative."},
            help_text="Per share (dividend: cash per share); 0 for a split.",
        )
        fee = non_negative_decimal(required=False)

    @extend_schema(
        operation_id="api_v1_users_portfolio_transactions_list",
        summary="The user's transactions, newest first, a page at a time",
        parameters=[
            OpenApiParameter("symbol", str, description="Only this symbol's transactions"),
            PageQuerySerializer,
        ],
        responses={200: TransactionPageSerializer, **error_responses(400)},
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        transactions = transaction_list(user=_user(request), symbol=request.query_params.get("symbol"))
        page = page_get(transactions, request=request, **page_query(request))
        return Response(TransactionPageSerializer(page).data)

    @extend_schema(
        summary="Record a buy, sell, dividend or split",
        request=TransactionListCreateInputSerializer,
        responses={201: TransactionOutputSerializer},
        tags=["portfolio"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.TransactionListCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        created = transaction_create(
            user=_user(request),
            symbol=data["symbol"],
            kind=data["type"],
            date=data["date"],
            quantity=data.get("quantity"),
            price=data["price"],
            fee=data.get("fee") or Decimal(0),
            ratio=data.get("ratio"),
        )
        found = transaction_get(user=_user(request), transaction_id=created.pk)
        return Response(TransactionOutputSerializer(found).data, status=status.HTTP_201_CREATED)


class TransactionDetailApi(APIView):
    class TransactionDetailInputSerializer(serializers.Serializer[Any]):
        date = TradeDateField(required=False)
        quantity = quantity_field(required=False)
        ratio = SplitRatioField(required=False)
        price = serializers.DecimalField(max_digits=MAX_DIGITS, decimal_places=6, min_value=0, required=False)
        fee = non_negative_decimal(required=False)

    @extend_schema(summary="One transaction", responses=TransactionOutputSerializer, tags=["portfolio"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(TransactionOutputSerializer(transaction_get(user=_user(request), transaction_id=pk)).data)

    @extend_schema(
        summary="Change a transaction (the ledger is replayed; nothing changes if it no longer balances)",
        request=TransactionDetailInputSerializer,
        responses=TransactionOutputSerializer,
        tags=["portfolio"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        found = transaction_get(user=_user(request), transaction_id=pk)
        serializer = self.TransactionDetailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        transaction_update(transaction_obj=found, **serializer.validated_data)
        return Response(TransactionOutputSerializer(transaction_get(user=_user(request), transaction_id=pk)).data)

    @extend_schema(summary="Delete a transaction", responses={204: None}, tags=["portfolio"])
    def delete(self, request: Request, pk: int) -> Response:
        transaction_delete(transaction_obj=transaction_get(user=_user(request), transaction_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TransactionImportApi(APIView):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        summary="The user's CSV imports, newest first",
        responses=TransactionImportOutputSerializer(many=True),
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        imports = transaction_import_list(user=_user(request))
        return Response(TransactionImportOutputSerializer(imports, many=True).data)

    @extend_schema(
        summary="Import transactions from CSV (date,symbol,type,quantity,price,fee): all rows or none",
        description=(
            "Any bad row is reported in extra.errors with line, field and reason, and nothing is imported. "
            "The same file imported twice is refused (code duplicate_import)."
        ),
        request={"multipart/form-data": TransactionImportInputSerializer},
        responses={201: TransactionImportResultSerializer},
        tags=["portfolio"],
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise ApplicationError(
                "file: attach the CSV as the multipart field 'file'.",
                extra={"fields": {"file": ["required"]}, "field_codes": {"file": ["required"]}},
            )
        result = transactions_import(
            user=_user(request), content=upload.read(MAX_IMPORT_BYTES + 1), filename=upload.name or ""
        )
        return Response(TransactionImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


class TransactionImportDetailApi(APIView):
    @extend_schema(summary="One CSV import", responses=TransactionImportOutputSerializer, tags=["portfolio"])
    def get(self, request: Request, pk: int) -> Response:
        found = transaction_import_get(user=_user(request), import_id=pk)
        return Response(TransactionImportOutputSerializer(found).data)

    @extend_schema(
        summary="Undo a CSV import: its transactions are removed and the ledger replayed",
        description=(
            "Refused (400 insufficient_quantity, extra.transaction_id naming the row) when a later transaction "
            "needs the imported ones, such as a sale of imported shares; nothing changes then. Holdings left "
            "without transactions are removed, and the same file can be imported again."
        ),
        responses={200: TransactionImportUndoneSerializer, **error_responses(400, 404)},
        tags=["portfolio"],
    )
    def delete(self, request: Request, pk: int) -> Response:
        removed = transactions_import_undo(batch=transaction_import_get(user=_user(request), import_id=pk))
        return Response(TransactionImportUndoneSerializer({"holdings_removed": removed}).data)
